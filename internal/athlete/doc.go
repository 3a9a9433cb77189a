// Package athlete knows one athlete: it opens their history from the store
// and answers the use cases every interface needs — the training report,
// the spark with all its extras (gear, rewards, gratitude, races, classes,
// routes and street suggestions), route groups, races and classes, the plan
// and a coach request's context. The CLI, the JSON API and the HTML pages
// are shells over it: they parse input, call it and render.
package athlete
