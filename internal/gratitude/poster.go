package gratitude

import (
	"fmt"
	"html"
	"io"
	"strings"
	"unicode/utf8"
)

// Poster is what goes on the printable page.
type Poster struct {
	Title   string // "What running has given me"
	Name    string // the runner's name, may be ""
	Facts   []string
	Entries []Entry // newest first is how they are printed; the caller orders them
}

// A4 in millimetres.
const (
	pageW, pageH = 210.0, 297.0
	margin       = 18.0
)

// printable drops what XML cannot carry or a page cannot show: invalid
// UTF-8 and control characters (tabs and newlines become spaces).
func printable(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\t' || r == '\n' || r == '\r':
			return ' '
		case r < 0x20 || (r >= 0x7f && r < 0xa0) || r == 0xFFFE || r == 0xFFFF || (r >= 0xD800 && r < 0xE000):
			return -1
		}
		return r
	}, s)
}

// wrapText breaks text into lines of at most width characters.
func wrapText(text string, width int) []string {
	text = printable(text)
	var lines []string
	line := ""
	for _, word := range strings.Fields(text) {
		for utf8.RuneCountInString(word) > width { // a very long word: cut it
			r := []rune(word)
			if line != "" {
				lines, line = append(lines, line), ""
			}
			lines, word = append(lines, string(r[:width])), string(r[width:])
		}
		switch {
		case line == "":
			line = word
		case utf8.RuneCountInString(line)+1+utf8.RuneCountInString(word) > width:
			lines, line = append(lines, line), word
		default:
			line += " " + word
		}
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}

// WriteSVG writes the poster as one A4 SVG page. What does not fit is left
// off (the newest entries come first); it reports how many entries fit.
func (p *Poster) WriteSVG(w io.Writer) (int, error) {
	var b strings.Builder
	esc := func(s string) string { return html.EscapeString(printable(s)) }
	fmt.Fprintf(&b, `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="210mm" height="297mm" viewBox="0 0 %g %g">
<rect width="%g" height="%g" fill="#fffdf7"/>
<rect x="8" y="8" width="%g" height="%g" fill="none" stroke="#c2410c" stroke-width="0.8"/>
<g font-family="Georgia, 'Times New Roman', serif" fill="#1c1917">
`, pageW, pageH, pageW, pageH, pageW-16, pageH-16)
	y := margin + 12
	title := p.Title
	if title == "" {
		title = "What running has given me"
	}
	fmt.Fprintf(&b, `<text x="%g" y="%.1f" font-size="11" text-anchor="middle" font-weight="bold">%s</text>`+"\n", pageW/2, y, esc(title))
	y += 8
	if p.Name != "" {
		fmt.Fprintf(&b, `<text x="%g" y="%.1f" font-size="5" text-anchor="middle" fill="#57534e">%s</text>`+"\n", pageW/2, y, esc(p.Name))
		y += 8
	}
	y += 4
	const factSize, factLine, factChars = 4.6, 6.0, 72
	for _, f := range p.Facts {
		lines := wrapText(f, factChars)
		if y+float64(len(lines))*factLine > pageH-margin-20 {
			break
		}
		fmt.Fprintf(&b, `<circle cx="%g" cy="%.1f" r="1.1" fill="#c2410c"/>`+"\n", margin+2, y-1.5)
		for _, l := range lines {
			fmt.Fprintf(&b, `<text x="%g" y="%.1f" font-size="%g">%s</text>`+"\n", margin+6, y, factSize, esc(l))
			y += factLine
		}
		y += 1.5
	}
	fitted := 0
	if len(p.Entries) > 0 {
		y += 4
		fmt.Fprintf(&b, `<line x1="%g" y1="%.1f" x2="%g" y2="%.1f" stroke="#d6d3d1" stroke-width="0.4"/>`+"\n", margin, y-5, pageW-margin, y-5)
		const entrySize, entryLine, entryChars = 4.4, 5.8, 74
		for _, e := range p.Entries {
			lines := wrapText("“"+e.Text+"”", entryChars)
			if y+float64(len(lines)+1)*entryLine > pageH-margin {
				break
			}
			for _, l := range lines {
				fmt.Fprintf(&b, `<text x="%g" y="%.1f" font-size="%g" font-style="italic">%s</text>`+"\n", margin, y, entrySize, esc(l))
				y += entryLine
			}
			fmt.Fprintf(&b, `<text x="%g" y="%.1f" font-size="3.4" text-anchor="end" fill="#78716c">%s</text>`+"\n", pageW-margin, y-1, esc(e.Day))
			y += entryLine * 0.8
			fitted++
		}
	}
	b.WriteString("</g>\n</svg>\n")
	_, err := io.WriteString(w, b.String())
	return fitted, err
}

// WriteHTML writes the poster as one self-contained HTML page that prints
// as exactly one A4 sheet and fills it: the title at the top, the facts
// and entries spread over the page, a closing line at the bottom (no
// scripts, no external resources). It carries the entries that fit the
// SVG page (the newest first), so it never runs onto a second sheet.
func (p *Poster) WriteHTML(w io.Writer) error {
	fit, err := p.WriteSVG(io.Discard)
	if err != nil {
		return err
	}
	var b strings.Builder
	esc := func(s string) string { return html.EscapeString(printable(s)) }
	title := p.Title
	if title == "" {
		title = "What running has given me"
	}
	fmt.Fprintf(&b, `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>%s</title>
<style>
@page { size: A4; margin: 0; }
html, body { margin: 0; padding: 0; background: #fffdf7; color: #1c1917; font-family: Georgia, "Times New Roman", serif; }
.page { box-sizing: border-box; width: 210mm; height: 297mm; padding: 18mm; margin: 0 auto; overflow: hidden;
  display: flex; flex-direction: column; justify-content: space-between; border: 0.8mm solid #c2410c; outline: 8mm solid #fffdf7; outline-offset: -8.8mm; }
header h1 { text-align: center; font-size: 30pt; margin: 0 0 3mm; }
.name { text-align: center; color: #57534e; font-size: 14pt; margin: 0; }
ul { list-style: none; padding: 0; margin: 0; font-size: 13pt; line-height: 1.45; }
li { margin: 0 0 3mm; padding-left: 7mm; position: relative; }
li::before { content: ""; position: absolute; left: 0; top: 0.55em; width: 2.4mm; height: 2.4mm; border-radius: 50%%; background: #c2410c; }
.entries { border-top: 0.3mm solid #d6d3d1; padding-top: 3mm; }
blockquote { font-style: italic; font-size: 12.5pt; margin: 0 0 4mm; }
blockquote footer { font-style: normal; text-align: right; color: #78716c; font-size: 9pt; }
.close { text-align: center; color: #78716c; font-size: 11pt; margin: 0; }
@media print { .page { margin: 0; } blockquote, li { break-inside: avoid; } }
</style></head><body><div class="page">
<header><h1>%s</h1>
`, esc(title), esc(title))
	if p.Name != "" {
		fmt.Fprintf(&b, "<p class=\"name\">%s</p>\n", esc(p.Name))
	}
	b.WriteString("</header>\n")
	if len(p.Facts) > 0 {
		b.WriteString("<ul class=\"facts\">\n")
		for _, f := range p.Facts {
			fmt.Fprintf(&b, "<li>%s</li>\n", esc(f))
		}
		b.WriteString("</ul>\n")
	}
	if fit > 0 {
		b.WriteString("<section class=\"entries\">\n")
		for _, e := range p.Entries[:fit] {
			fmt.Fprintf(&b, "<blockquote>“%s”<footer>%s</footer></blockquote>\n", esc(e.Text), esc(e.Day))
		}
		b.WriteString("</section>\n")
	}
	b.WriteString("<p class=\"close\">Hang this near your running shoes.</p>\n</div></body></html>\n")
	_, err = io.WriteString(w, b.String())
	return err
}
