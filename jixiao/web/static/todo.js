// 待办: the header checkbox selects or clears every form listed (no inline script: the CSP forbids it).
document.addEventListener("DOMContentLoaded", () => {
  const all = document.getElementById("todo-all");
  if (!all) return;
  all.addEventListener("change", () => {
    document.querySelectorAll("#todo tbody input[name=form]").forEach((box) => { box.checked = all.checked; });
  });
});
