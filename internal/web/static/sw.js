// rekindle's service worker: shows the Web Push notifications the server
// sends (a JSON payload {title, body, url, tag}) and opens the page a
// notification is about when it is clicked. It caches nothing.
"use strict";

self.addEventListener("push", function (event) {
  var msg = { title: "rekindle", body: "" };
  if (event.data) {
    try { msg = event.data.json(); } catch (e) { msg.body = event.data.text(); }
  }
  event.waitUntil(self.registration.showNotification(msg.title || "rekindle", {
    body: msg.body || "",
    tag: msg.tag || undefined,
    data: { url: msg.url || "/" }
  }));
});

self.addEventListener("notificationclick", function (event) {
  event.notification.close();
  var url = new URL((event.notification.data && event.notification.data.url) || "/", self.location.origin);
  if (url.origin !== self.location.origin) url = new URL("/", self.location.origin);
  event.waitUntil(self.clients.matchAll({ type: "window", includeUncontrolled: true }).then(function (list) {
    for (var i = 0; i < list.length; i++) {
      if (list[i].url === url.href && "focus" in list[i]) return list[i].focus();
    }
    return self.clients.openWindow(url.href);
  }));
});
