package route

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
)

func FuzzReadGraph(f *testing.F) {
	if p := filepath.Join(testdataDir, "osm", "berlin-siegessaeule.osm.pbf"); fileExists(p) {
		g := buildFile(f, p)
		var buf bytes.Buffer
		g.WriteTo(&buf)
		f.Add(buf.Bytes())
	}
	f.Add([]byte(graphMagic))
	f.Fuzz(func(t *testing.T, data []byte) {
		g, err := ReadGraph(bytes.NewReader(data))
		if err == nil && g.NumNodes() > 0 {
			g.Nearest(52.514, 13.35)
			g.ShortestPath(0, int32(g.NumNodes()-1), nil)
		}
	})
}

func FuzzBuildGraph(f *testing.F) {
	if p := filepath.Join(testdataDir, "osm", "berlin-siegessaeule.osm.pbf"); fileExists(p) {
		data, _ := os.ReadFile(p)
		f.Add(data)
		f.Add(data[:len(data)/2])
	}
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		g, err := BuildGraph(context.Background(), bytes.NewReader(data))
		if err == nil && g.NumNodes() == 0 {
			t.Fatal("empty graph without error")
		}
	})
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}
