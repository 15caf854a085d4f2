// make serve only: reload when the preview's content version moves, or show its errors over
// the last good page. Injected inline by plansite/preview/live.py; never in a published build.
(function () {
  "use strict";
  var me = document.currentScript;
  var version = Number(me.dataset.version);
  var events = new EventSource(me.dataset.events + "?path=" + encodeURIComponent(location.pathname));
  var overlay = null;

  function show(problems) {
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.id = "plansite-preview-problems";
      overlay.setAttribute("role", "alert");
      // Styles through the CSSOM: the CSP blocks style attributes in markup, not this.
      var s = overlay.style;
      s.position = "fixed"; s.inset = "0 0 auto 0"; s.zIndex = "10000"; s.maxHeight = "70vh";
      s.overflow = "auto"; s.background = "#fff5f5"; s.color = "#5c0000"; s.borderBottom = "4px solid #c00";
      s.padding = "1em 1.5em"; s.font = "15px/1.5 system-ui, sans-serif"; s.boxShadow = "0 4px 16px rgba(0,0,0,.3)";
      document.body.appendChild(overlay);
    }
    overlay.textContent = "";
    var title = document.createElement("strong");
    title.textContent = "Bản xem trước chưa cập nhật: có " + problems.length +
      " lỗi. Trang dưới đây là lần dựng tốt gần nhất; sửa lỗi rồi lưu tệp, trang sẽ tự tải lại.";
    var list = document.createElement("ul");
    problems.forEach(function (problem) {
      var item = document.createElement("li");
      var code = document.createElement("code");
      code.textContent = problem;
      item.appendChild(code);
      list.appendChild(item);
    });
    overlay.appendChild(title);
    overlay.appendChild(list);
  }

  function hide() {
    if (overlay) { overlay.remove(); overlay = null; }
  }

  events.onmessage = function (event) {
    var state = JSON.parse(event.data);
    if (state.problems.length) {
      show(state.problems);
    } else if (state.version !== version) {
      events.close();
      location.reload();
    } else {
      hide();
    }
  };
})();
