/**
 * The operations console: server-rendered pages (Thymeleaf, Chinese by default, English
 * with {@code ?lang=en}) for IT staff (sources, runs, rejected rows, feedback files) and
 * the bureau (reports computed by the warehouse's {@code dw.v_report_*} views, exportable
 * as XLSX). No front-end build: charts come from the ECharts webjar, the little script
 * there is lives in {@code static/js/console.js}.
 */
package cn.jiangmen.vethub.console;
