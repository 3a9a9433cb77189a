// rekindle front-end: progressive enhancement only. Every page works
// without this file; with it, uploads show live progress and, when the
// vendor bundle (Leaflet, uPlot) is present, maps and charts become
// interactive. No inline scripts (the CSP forbids them).
(function () {
  "use strict";
  var csrf = (document.querySelector('meta[name="csrf-token"]') || {}).content || "";

  // ---- The menu folds behind a button on a phone (without this file the
  // links simply wrap) ----
  var toggle = document.querySelector("header.top .menu-toggle");
  var nav = document.getElementById("main-nav");
  if (toggle && nav) {
    toggle.hidden = false;
    toggle.parentNode.classList.add("js-menu");
    toggle.addEventListener("click", function () {
      var open = toggle.getAttribute("aria-expanded") !== "true";
      toggle.setAttribute("aria-expanded", String(open));
      nav.classList.toggle("open", open);
    });
  }

  // ---- Upload with drag-and-drop and streamed progress ----
  var form = document.getElementById("upload-form");
  if (form) {
    var drop = document.getElementById("drop");
    var list = document.getElementById("upload-files");
    var status = document.getElementById("upload-status");
    var bar = document.getElementById("upload-bar");
    var rows = {};

    function row(name) {
      if (rows[name]) return rows[name];
      var tr = document.createElement("tr");
      var a = document.createElement("td"), b = document.createElement("td"), c = document.createElement("td");
      a.textContent = name; b.textContent = "waiting";
      tr.appendChild(a); tr.appendChild(b); tr.appendChild(c);
      list.appendChild(tr);
      rows[name] = tr;
      return tr;
    }

    function show(ev) {
      if (ev.status === "progress") {
        if (ev.total_bytes > 0) bar.value = Math.min(100, Math.round(100 * (ev.bytes || 0) / ev.total_bytes));
        status.textContent = "Importing… " + ev.done + " files done";
        return;
      }
      if (ev.status === "done") {
        bar.value = 100;
        Object.keys(rows).forEach(function (name) {
          var tr = rows[name];
          if (tr.className === "st-received") {
            tr.className = "st-archive";
            tr.children[1].textContent = /\.zip$/i.test(name) ? "archive: its files are listed below" : "nothing imported";
          }
        });
        status.textContent = "Done: " + (ev.message || "nothing new");
        return;
      }
      var tr = row(ev.file || "?");
      tr.className = "st-" + ev.status;
      var words = { received: "uploaded, importing…", imported: "imported", replaced: "imported, replacing an earlier copy", partial: "imported, partly", duplicate: "already there", failed: "failed" };
      tr.children[1].textContent = (words[ev.status] || ev.status) + (ev.message ? ": " + ev.message : "");
      var cell = tr.children[2];
      cell.textContent = "";
      var links = ev.links || [];
      links.forEach(function (l) {
        var a = document.createElement("a");
        a.href = "/activities/" + l.id; a.textContent = l.name;
        cell.appendChild(a); cell.appendChild(document.createTextNode(" "));
      });
      var more = (ev.activities || []).length - links.length;
      if (more > 0) {
        var m = document.createElement("a");
        m.href = "/activities"; m.textContent = "and " + more + " more";
        cell.appendChild(m);
      }
    }

    function send(files) {
      if (!files.length) return;
      var fd = new FormData();
      files.forEach(function (f) { fd.append("files", f.file, f.name); row(f.name); });
      status.textContent = "Uploading " + files.length + " file(s)…";
      bar.value = 0;
      fetch("/api/v1/uploads", { method: "POST", body: fd, headers: { "X-CSRF-Token": csrf }, credentials: "same-origin" })
        .then(function (res) {
          if (!res.ok) return res.json().then(function (j) { throw new Error(j.error ? j.error.message : res.statusText); });
          var reader = res.body.getReader(), dec = new TextDecoder(), buf = "";
          function pump() {
            return reader.read().then(function (r) {
              if (r.done) { if (buf.trim()) show(JSON.parse(buf)); return; }
              buf += dec.decode(r.value, { stream: true });
              var lines = buf.split("\n"); buf = lines.pop();
              lines.forEach(function (l) { if (l.trim()) show(JSON.parse(l)); });
              return pump();
            });
          }
          return pump();
        })
        .catch(function (e) { status.textContent = "Upload failed: " + e.message; });
    }

    function fromInput(input) {
      return Array.prototype.map.call(input.files, function (f) { return { file: f, name: f.webkitRelativePath || f.name }; });
    }

    // Walk dropped folders (webkitGetAsEntry) into a flat list.
    function walk(entry, path, out) {
      return new Promise(function (resolve) {
        if (entry.isFile) {
          entry.file(function (f) { out.push({ file: f, name: path + f.name }); resolve(); }, function () { resolve(); });
        } else if (entry.isDirectory) {
          var reader = entry.createReader(), all = [];
          (function more() {
            reader.readEntries(function (ents) {
              if (!ents.length) {
                Promise.all(all.map(function (e) { return walk(e, path + entry.name + "/", out); })).then(resolve);
              } else { all = all.concat(Array.prototype.slice.call(ents)); more(); }
            }, function () { resolve(); });
          })();
        } else resolve();
      });
    }

    form.addEventListener("submit", function (e) {
      e.preventDefault();
      send(fromInput(document.getElementById("files")).concat(fromInput(document.getElementById("folder"))));
    });
    ["dragenter", "dragover"].forEach(function (t) {
      drop.addEventListener(t, function (e) { e.preventDefault(); drop.classList.add("over"); });
    });
    ["dragleave", "drop"].forEach(function (t) {
      drop.addEventListener(t, function () { drop.classList.remove("over"); });
    });
    drop.addEventListener("drop", function (e) {
      e.preventDefault();
      var items = e.dataTransfer.items, out = [], waits = [];
      if (items && items.length && items[0].webkitGetAsEntry) {
        Array.prototype.forEach.call(items, function (it) {
          var en = it.webkitGetAsEntry();
          if (en) waits.push(walk(en, "", out));
        });
        Promise.all(waits).then(function () { send(out); });
      } else {
        send(Array.prototype.map.call(e.dataTransfer.files, function (f) { return { file: f, name: f.name }; }));
      }
    });
    drop.addEventListener("keydown", function (e) {
      if (e.key === "Enter" || e.key === " ") { e.preventDefault(); document.getElementById("files").click(); }
    });
  }

  // ---- Interactive map and charts (when the vendor bundle is loaded) ----
  // The chart data comes from the API, only when the vendor bundle is here
  // to use it.
  function upgrade() {
    var dataEl = document.getElementById("series-data");
    if (!dataEl || !(window.L || window.uPlot)) return;
    fetch(dataEl.dataset.src, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (j) { if (j && j.series) draw(j.series); })
      .catch(function () { /* keep the SVG */ });
  }
  function draw(s) {
    var body = document.body;
    var mapEl = document.getElementById("map");
    if (mapEl && window.L && s.path && s.path.length > 1 && body.dataset.tiles) {
      var fallback = mapEl.innerHTML;
      mapEl.innerHTML = "";
      var map = L.map(mapEl, { scrollWheelZoom: false, keyboard: true });
      var failed = 0, loaded = 0;
      var tiles = L.tileLayer(body.dataset.tiles, { maxZoom: 19, attribution: body.dataset.attribution || "" });
      tiles.on("tileerror", function () {
        failed++;
        if (failed >= 4 && loaded === 0) { map.remove(); mapEl.innerHTML = fallback; mapEl.dataset.mode = "svg"; }
      });
      tiles.on("tileload", function () { loaded++; });
      tiles.addTo(map);
      var line = L.polyline(s.path, { color: "#d9480f", weight: 4 }).addTo(map);
      L.circleMarker(s.path[0], { radius: 6, color: "#2b8a3e" }).addTo(map);
      L.circleMarker(s.path[s.path.length - 1], { radius: 6, color: "#c92a2a" }).addTo(map);
      map.fitBounds(line.getBounds(), { padding: [12, 12] });
      mapEl.dataset.mode = "leaflet";
    }
    if (!window.uPlot || !s.dist_km || s.dist_km.length < 2) return;
    var unit = body.dataset.unit === "mi" ? 1.609344 : 1;
    var useDist = s.dist_km[s.dist_km.length - 1] > 0;
    var xs = useDist ? s.dist_km.map(function (d) { return d / unit; }) : s.time_s.map(function (t) { return t / 60; });
    function mmss(v) { if (v == null) return "—"; v = Math.round(v * unit); return Math.floor(v / 60) + ":" + ("0" + v % 60).slice(-2); }
    var defs = { pace: { data: s.pace_s_per_km, label: "Pace", color: "#1971c2", fmt: mmss, dir: -1 },
                 hr: { data: s.hr, label: "Heart rate", color: "#e03131", fmt: function (v) { return v == null ? "—" : Math.round(v) + " bpm"; } },
                 ele: { data: s.ele_m, label: "Elevation", color: "#5c940d", fmt: function (v) { return v == null ? "—" : Math.round(v) + " m"; } } };
    // The y range from the 2nd to the 98th percentile, so stops do not flatten the line.
    function range(data) {
      var v = data.filter(function (x) { return x != null; }).sort(function (a, b) { return a - b; });
      if (!v.length) return null;
      var lo = v[Math.floor((v.length - 1) * 0.02)], hi = v[Math.floor((v.length - 1) * 0.98)];
      var pad = Math.max(1, (hi - lo) * 0.1);
      return [lo - pad, hi + pad];
    }
    // Pace ticks on whole steps of the pace as shown (0:15, 0:30, 1:00…),
    // at least three; the same rule as the server's SVG (web.PaceTicks).
    function paceTicks(lo, hi) {
      var steps = [15, 30, 60, 120, 300, 600];
      for (var i = 0; i < steps.length; i++) {
        var st = steps[i], a = Math.floor(lo / st) * st, z = Math.ceil(hi / st) * st, n = Math.round((z - a) / st) + 1;
        if (n > 5) continue;
        while (n < 3) { a -= st; n++; if (n < 3) { z += st; n++; } }
        var out = [];
        for (var v = a; v <= z + st / 2; v += st) out.push(v);
        return out;
      }
      return [lo, (lo + hi) / 2, hi];
    }
    Object.keys(defs).forEach(function (k) {
      var fig = document.getElementById("chart-" + k), d = defs[k];
      if (!fig || !d.data) return;
      var width = fig.clientWidth || 600, r = range(d.data);
      var ticks = null;
      if (k === "pace" && r) {
        ticks = paceTicks(r[0] * unit, r[1] * unit).map(function (v) { return v / unit; });
        r = [ticks[0], ticks[ticks.length - 1]];
      }
      var last = d.data.length - 1;
      while (last > 0 && d.data[last] == null) last--;
      var y = { auto: !r, dir: d.dir || 1 };
      if (r) y.range = function () { return r; };
      var opts = { width: width, height: 180,
        scales: { x: { time: false }, y: y },
        axes: [{ label: useDist ? (unit === 1 ? "km" : "mi") : "min", font: "12px system-ui, sans-serif", labelFont: "12px system-ui, sans-serif" },
               { values: function (u, vals) { return vals.map(d.fmt); }, size: 72, font: "12px system-ui, sans-serif",
                 splits: ticks ? function () { return ticks; } : undefined }],
        // The legend shows the last values before any hover (the last
        // sample that has one).
        hooks: { ready: [function (u) { u.setLegend({ idx: last }); }],
                 setCursor: [function (u) { if (u.cursor.idx == null) u.setLegend({ idx: last }); }] },
        series: [{ label: useDist ? "Distance" : "Time", value: function (u, v) { return v == null ? "—" : v.toFixed(2); } },
                 { label: d.label, stroke: d.color, width: 2, value: function (u, v) { return d.fmt(v); }, spanGaps: false }] };
      // The chart is kept on its figure (the browser test reads its fonts).
      try { fig.uplot = new uPlot(opts, [xs, d.data], fig); fig.classList.add("js"); } catch (e) { /* keep the SVG */ }
    });
  }
  if (document.readyState === "complete") upgrade(); else window.addEventListener("load", upgrade);
  // ---- Web Push: notifications in this browser (Settings) ----
  var pushBtn = document.getElementById("push-on");
  if (pushBtn && "serviceWorker" in navigator && "PushManager" in window) {
    var pushStatus = document.getElementById("push-status");
    pushBtn.hidden = false;
    var b64 = function (s) {
      var pad = "=".repeat((4 - s.length % 4) % 4);
      var raw = atob((s + pad).replace(/-/g, "+").replace(/_/g, "/"));
      var out = new Uint8Array(raw.length);
      for (var i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i);
      return out;
    };
    pushBtn.addEventListener("click", function () {
      pushStatus.textContent = "Asking…";
      fetch("/api/v1/push/key", { credentials: "same-origin" }).then(function (r) { return r.json(); }).then(function (k) {
        return navigator.serviceWorker.register("/sw.js", { scope: "/" }).then(function (reg) {
          return reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: b64(k.key) });
        });
      }).then(function (sub) {
        return fetch("/api/v1/push/subscriptions", { method: "POST", credentials: "same-origin",
          headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf }, body: JSON.stringify(sub.toJSON()) });
      }).then(function (r) {
        pushStatus.textContent = r.ok ? "On: this browser gets your notifications." : "The server refused the subscription.";
      }).catch(function (e) {
        pushStatus.textContent = "Not possible here: " + e.message;
      });
    });
  }
})();
