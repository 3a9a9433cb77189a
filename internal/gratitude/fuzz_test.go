package gratitude

import (
	"bytes"
	"encoding/xml"
	"io"
	"testing"
)

// FuzzPosterSVG checks that any journal text makes a well-formed SVG page.
func FuzzPosterSVG(f *testing.F) {
	f.Add("Running gave me the mornings back", "Ana", "You have run 775 km since 2015")
	f.Add("<script>alert(1)</script> & \"quotes\" ]]>", "x\x01y", "\xff\xfe broken")
	f.Add("Supercalifragilisticexpialidocious-and-then-some-more-without-any-spaces-at-all-to-wrap-on", "", "")
	f.Fuzz(func(t *testing.T, entry, name, fact string) {
		p := Poster{Name: name, Facts: []string{fact}, Entries: []Entry{{Day: "2025-03-01", Text: entry}}}
		var b bytes.Buffer
		if _, err := p.WriteSVG(&b); err != nil {
			t.Fatal(err)
		}
		dec := xml.NewDecoder(&b)
		for {
			_, err := dec.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("not well formed: %v\n%s", err, b.String())
			}
		}
	})
}
