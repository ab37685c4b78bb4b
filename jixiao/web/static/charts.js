// Dashboard charts (Apache ECharts, vendored): data comes from the page's #dashboard-data JSON,
// the same object /api/dashboard returns.
(function () {
  var node = document.getElementById("dashboard-data");
  if (!node || !window.echarts) { return; }
  var data = JSON.parse(node.textContent);
  var SEV = { error: "错误", warning: "警告", info: "提示" };
  var COLORS = { error: "#b00020", warning: "#c77d00", info: "#4a6fa5" };
  function chart(id, option) {
    var el = document.getElementById(id);
    if (!el) { return; }
    var c = echarts.init(el);
    option.tooltip = option.tooltip || { trigger: "axis" };
    c.setOption(option);
    window.addEventListener("resize", function () { c.resize(); });
    el.setAttribute("data-ready", "1");
  }
  var g = data.grade_by_unit;
  chart("chart-grades", {
    legend: {}, grid: { left: 120 }, xAxis: { type: "value" }, yAxis: { type: "category", data: g.units },
    series: g.grades.map(function (grade) { return { name: grade, type: "bar", stack: "g", data: g.counts[grade] }; })
  });
  chart("chart-rates", {
    xAxis: { type: "category", data: data.execution_rate.bins }, yAxis: { type: "value", name: "表数" },
    series: [{ type: "bar", data: data.execution_rate.counts, name: "自评表" }]
  });
  var f = data.findings_by_category;
  chart("chart-findings", {
    legend: {}, grid: { bottom: 90 }, xAxis: { type: "category", data: f.labels, axisLabel: { rotate: 40 } },
    yAxis: { type: "value" },
    series: ["error", "warning", "info"].map(function (s) {
      return { name: SEV[s], type: "bar", stack: "f", data: f.counts[s], itemStyle: { color: COLORS[s] } };
    })
  });
  var u = data.units_by_errors;
  chart("chart-units", {
    grid: { left: 120 }, xAxis: { type: "value" }, yAxis: { type: "category", data: u.units.slice().reverse() },
    series: [{ type: "bar", name: "错误", data: u.errors.slice().reverse(), itemStyle: { color: COLORS.error } }]
  });
  var y = data.years;
  chart("chart-years", {
    legend: {}, xAxis: { type: "category", data: y.years },
    yAxis: [{ type: "value", name: "表数" }, { type: "value", name: "平均分", min: 0, max: 100 }],
    series: [{ type: "bar", name: "自评表数", data: y.forms, barMaxWidth: 60 },
             { type: "line", name: "平均分", yAxisIndex: 1, symbolSize: 9, z: 3,
               label: { show: true, position: "top" },
               data: y.average_score.map(function (v) { return Math.round(v * 100) / 100; }) }]
  });
})();
