// Dashboard charts (Apache ECharts, vendored): data comes from the page's #dashboard-data JSON,
// the same object /api/dashboard returns. Labels fit a district: unit names are cut to the room
// the axis has (…), the full name is in the tooltip; a chart with a row per unit grows to 30 rows,
// and past that scrolls (a slider beside it, or the mouse wheel) so that every row stays readable;
// category labels that do not fit are turned.
(function () {
  var node = document.getElementById("dashboard-data");
  if (!node || !window.echarts) { return; }
  var data = JSON.parse(node.textContent);
  var SEV = { error: "错误", warning: "警告", info: "提示" };
  var COLORS = { error: "#b00020", warning: "#c77d00", info: "#4a6fa5" };
  var ROW = 22; // pixels per unit in the horizontal bar charts
  var MAX_ROWS = 30; // rows shown at once; more scroll
  function fit(el, option, rows) {
    el.style.height = Math.max(320, Math.min(rows, MAX_ROWS) * ROW + 90) + "px";
    if (rows > MAX_ROWS) {
      option.dataZoom = [
        { type: "slider", yAxisIndex: 0, startValue: 0, endValue: MAX_ROWS - 1, right: 4, width: 14,
          showDetail: false, brushSelect: false, zoomLock: true },
        { type: "inside", yAxisIndex: 0, zoomOnMouseWheel: false, moveOnMouseWheel: true, moveOnMouseMove: false }
      ];
      option.grid.right = 30;
    }
  }
  function chart(id, option, rows) {
    var el = document.getElementById(id);
    if (!el) { return; }
    if (rows) { fit(el, option, rows); }
    var c = echarts.init(el);
    option.tooltip = option.tooltip || { trigger: "axis", confine: true };
    c.setOption(option);
    window.addEventListener("resize", function () { c.resize(); });
    el.setAttribute("data-ready", "1");
  }
  var unitLabel = { width: 110, overflow: "truncate", ellipsis: "…", interval: 0 };
  var g = data.grade_by_unit;
  chart("chart-grades", {
    legend: { type: "scroll" }, grid: { left: 10, right: 20, containLabel: true },
    xAxis: { type: "value", minInterval: 1 },
    yAxis: { type: "category", data: g.units, inverse: true, axisLabel: unitLabel },
    series: g.grades.map(function (grade) { return { name: grade, type: "bar", stack: "g", data: g.counts[grade] }; })
  }, g.units.length);
  chart("chart-rates", {
    grid: { left: 10, right: 20, bottom: 10, containLabel: true },
    xAxis: { type: "category", data: data.execution_rate.bins, axisLabel: { interval: 0, hideOverlap: true } },
    yAxis: { type: "value", name: "表数", minInterval: 1 },
    series: [{ type: "bar", data: data.execution_rate.counts, name: "自评表" }]
  });
  var f = data.findings_by_category;
  chart("chart-findings", {
    legend: {}, grid: { left: 10, right: 20, bottom: 10, containLabel: true },
    xAxis: { type: "category", data: f.labels,
             axisLabel: { interval: 0, rotate: f.labels.length > 6 ? 40 : 0, width: 90, overflow: "truncate", ellipsis: "…" } },
    yAxis: { type: "value", minInterval: 1 },
    series: ["error", "warning", "info"].map(function (s) {
      return { name: SEV[s], type: "bar", stack: "f", data: f.counts[s], itemStyle: { color: COLORS[s] } };
    })
  });
  var u = data.units_by_errors;
  chart("chart-units", {
    grid: { left: 10, right: 30, containLabel: true }, xAxis: { type: "value", minInterval: 1 },
    yAxis: { type: "category", data: u.units, inverse: true, axisLabel: unitLabel },
    series: [{ type: "bar", name: "错误", data: u.errors, itemStyle: { color: COLORS.error },
               label: { show: true, position: "right" } }]
  }, u.units.length);
  var y = data.years;
  chart("chart-years", {
    legend: {}, grid: { left: 10, right: 10, containLabel: true }, xAxis: { type: "category", data: y.years },
    yAxis: [{ type: "value", name: "表数", minInterval: 1 }, { type: "value", name: "平均分", min: 0, max: 100 }],
    series: [{ type: "bar", name: "自评表数", data: y.forms, barMaxWidth: 60 },
             { type: "line", name: "平均分", yAxisIndex: 1, symbolSize: 9, z: 3,
               label: { show: true, position: "top", formatter: function (p) { return p.value.toFixed(2); } },
               data: y.average_score.map(function (v) { return Math.round(v * 100) / 100; }) }]
  });
})();
