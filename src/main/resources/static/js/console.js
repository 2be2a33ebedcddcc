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
        var loaded = el.dataset.labelLoaded || 'loaded';
        var rejected = el.dataset.labelRejected || 'rejected';
        series = data.series.map(function (s) {
          return {
            name: s.name + ' ' + (s.kind === 'loaded' ? loaded : rejected),
            type: 'bar', stack: s.stack, data: s.data
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
        grid: { left: 60, right: 20, top: 40, bottom: 40 },
        xAxis: { type: 'category', data: data.x.map(String) },
        yAxis: { type: 'value' },
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

  document.addEventListener('DOMContentLoaded', function () {
    charts();
    progress();
  });
})();
