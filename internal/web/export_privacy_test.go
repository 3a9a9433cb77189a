package web

// SVGMap is the activity map drawing, for the privacy walk (package web_test).
var SVGMap = svgMap
