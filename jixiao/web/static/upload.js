// The upload page's progress bar (a file of its own: the Content-Security-Policy allows no inline script).
htmx.on("#upload-form", "htmx:xhr:progress", function (evt) {
  if (evt.detail.lengthComputable) {
    htmx.find("#upload-progress").setAttribute("value", evt.detail.loaded / evt.detail.total * 100);
  }
});
