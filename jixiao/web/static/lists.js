// Every list (table.list): a click on a column header sorts the rows (numbers by value, text by
// its characters, empty cells last; a second click reverses), and typing in the page's search box
// (form.list-controls input[name=q]) hides the rows that do not contain every word. The server
// does the same for the query string (jixiao.web.lists), so links keep working without JavaScript.
(function () {
  function value(cell) {
    var text = (cell ? cell.textContent : "").trim();
    var number = text.replace(/[,%，]/g, "");
    if (number !== "" && !isNaN(Number(number))) { return { n: Number(number) }; }
    return { t: text };
  }
  function compare(a, b) {
    var empty = function (v) { return v.t === ""; };
    if (empty(a) || empty(b)) { return empty(a) - empty(b); }
    if ("n" in a && "n" in b) { return a.n - b.n; }
    return String(a.t !== undefined ? a.t : a.n).localeCompare(String(b.t !== undefined ? b.t : b.n), "zh-CN");
  }
  function sortable(table) {
    var heads = table.querySelectorAll("thead th");
    heads.forEach(function (th, index) {
      th.classList.add("sortable");
      th.setAttribute("tabindex", "0");
      th.title = "点击排序";
      function sort() {
        var body = table.tBodies[0];
        if (!body) { return; }
        var rows = Array.prototype.filter.call(body.rows, function (r) { return !r.querySelector("td.empty"); });
        var down = th.getAttribute("aria-sort") === "ascending";
        heads.forEach(function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", down ? "descending" : "ascending");
        rows.sort(function (a, b) {
          var x = value(a.cells[index]), y = value(b.cells[index]);
          var empties = (x.t === "") - (y.t === "");
          if (empties) { return empties; }
          return down ? compare(y, x) : compare(x, y);
        });
        rows.forEach(function (r) { body.appendChild(r); });
      }
      th.addEventListener("click", sort);
      th.addEventListener("keydown", function (e) { if (e.key === "Enter") { sort(); } });
    });
  }
  // What a row shows, without the controls inside it (单位名录's 主管部门 choices name every unit).
  function shown(row) {
    if (row.jixiaoText === undefined) {
      var copy = row.cloneNode(true);
      copy.querySelectorAll("select, details, button").forEach(function (e) { e.remove(); });
      row.jixiaoText = copy.textContent.toLowerCase();
    }
    return row.jixiaoText;
  }
  function searchable(input) {
    input.addEventListener("input", function () {
      var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      document.querySelectorAll("table.list tbody tr").forEach(function (row) {
        if (row.querySelector("td.empty")) { return; }
        var text = shown(row);
        row.hidden = !words.every(function (w) { return text.indexOf(w) >= 0; });
      });
    });
  }
  document.querySelectorAll("table.list").forEach(sortable);
  document.querySelectorAll("form.list-controls input[name=q]").forEach(searchable);
})();
