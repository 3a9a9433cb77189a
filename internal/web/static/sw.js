// rekindle's service worker: shows the notifications the server pushes
// (Web Push; the payload is JSON {title, body, url, tag}) and opens the
// page a notification links to when it is clicked.
self.addEventListener("push", function (event) {
  var d = {};
  try { d = event.data ? event.data.json() : {}; } catch (e) { d = { title: "rekindle", body: event.data ? event.data.text() : "" }; }
  event.waitUntil(self.registration.showNotification(d.title || "rekindle", { body: d.body || "", tag: d.tag, data: { url: d.url || "/" } }));
});
self.addEventListener("notificationclick", function (event) {
  event.notification.close();
  var url = (event.notification.data && event.notification.data.url) || "/";
  event.waitUntil(self.clients.openWindow(url));
});
