/*
 * vethub console: charts (ECharts from the webjar) and the live progress of running runs. Plain script, no
 * build step, no inline script in the pages (the content security policy forbids it): the pages hand their
 * data over in data-* attributes, and everything from the server is inserted as text, never as HTML.
 */
(function () {
  'use strict';

  function charts() {
    if (typeof echarts === 'undefined') {
      return;
    }
    document.querySelectorAll('[data-chart]').forEach(function (el) {
      var data = JSON.parse(el.dataset.chart);
      var series;
      if (data.type === 'daily') {
        var labels = { loaded: el.dataset.labelLoaded || 'loaded', rejected: el.dataset.labelRejected || 'rejected' };
        series = data.series.map(function (s) {
          return {
            name: labels[s.kind], type: 'bar', data: s.data,
            itemStyle: { color: s.kind === 'rejected' ? '#c62828' : '#2e6bb8' }
          };
        });
      } else {
        series = data.series.map(function (s) {
          return { name: String(s.name), type: 'bar', stack: data.stacked ? 'all' : undefined, data: s.data };
        });
      }
      var chart = echarts.init(el);
      chart.setOption({
        animation: false,
        tooltip: { trigger: 'axis' },
        legend: { type: 'scroll', top: 0 },
        // the labels stay inside the chart at any width: the grid makes room for them, and labels that would
        // overlap are thinned out rather than drawn over each other
        grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
        xAxis: { type: 'category', data: data.x.map(String), axisLabel: { hideOverlap: true } },
        yAxis: { type: 'value', axisLabel: { hideOverlap: true } },
        series: series
      });
      window.addEventListener('resize', function () { chart.resize(); });
    });
  }

  /* Rows read so far by a running run, every 2 s from /api/runs/{id}; reload the page once it has finished. */
  function progress() {
    var live = document.querySelectorAll('[data-progress-url]');
    if (live.length === 0) {
      return;
    }
    var timer = setInterval(function () {
      live.forEach(function (el) {
        fetch(el.dataset.progressUrl, {
          credentials: 'same-origin',
          headers: { 'Accept': 'application/json', 'X-Requested-With': 'XMLHttpRequest' }
        }).then(function (response) {
          if (!response.ok) {
            throw new Error('HTTP ' + response.status);
          }
          return response.json();
        }).then(function (detail) {
          el.textContent = String(detail.run.rowsRead);
          if (detail.run.status !== 'running') {
            clearInterval(timer);
            window.location.reload();
          }
        }).catch(function () {
          clearInterval(timer);
        });
      });
    }, 2000);
  }

  /* The runs list while a run on it is running: reloaded every few seconds (the server says how often), only then. */
  function autoRefresh() {
    var el = document.querySelector('[data-auto-refresh]');
    if (el) {
      setTimeout(function () { window.location.reload(); }, Number(el.dataset.autoRefresh) || 5000);
    }
  }

  /* The menu toggle of narrow screens. */
  function menu() {
    var toggle = document.getElementById('nav-toggle');
    if (!toggle) {
      return;
    }
    toggle.addEventListener('click', function () {
      var header = toggle.closest('header');
      var open = header.classList.toggle('open');
      toggle.setAttribute('aria-expanded', String(open));
    });
  }

  /* The reports' period picker: only the inputs of the chosen kind are shown. */
  function periodPicker() {
    var kind = document.getElementById('period-kind');
    if (!kind) {
      return;
    }
    function show() {
      document.querySelectorAll('[data-period]').forEach(function (label) {
        label.hidden = label.getAttribute('data-period') !== kind.value;
      });
    }
    kind.addEventListener('change', show);
    show();
  }

  document.addEventListener('DOMContentLoaded', function () {
    menu();
    periodPicker();
    charts();
    progress();
    autoRefresh();
  });
})();
