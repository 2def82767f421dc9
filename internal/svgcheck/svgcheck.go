// Package svgcheck reads the SVG timelines this repository's tests write
// (sim.WriteSVG, the lessons' -svg, podlife simulate -svg): it fails the
// test when a picture is not well-formed XML and lists what it shows. It is
// for this repository's tests only.
//
//	pic := svgcheck.Read(t, buf.Bytes())
//	if len(pic.Rows) != 2 { ... }
package svgcheck

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"testing"
)

// Picture is what an SVG timeline shows.
type Picture struct {
	// Rows are the container rows (<g class="row">), each as its
	// data-pod, data-container and data-kind joined by spaces.
	Rows []string
	// Titles are the texts of every <title> (the tooltips).
	Titles []string
	// Pods counts the pod groups (<g class="pod">).
	Pods int
}

// Read decodes doc as XML, failing t if it is not well-formed, and returns
// its rows, titles and pods.
func Read(t testing.TB, doc []byte) Picture {
	t.Helper()
	var p Picture
	d := xml.NewDecoder(bytes.NewReader(doc))
	inTitle := false
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return p
		}
		if err != nil {
			t.Fatalf("the SVG is not well-formed XML: %v", err)
		}
		switch e := tok.(type) {
		case xml.StartElement:
			attr := map[string]string{}
			for _, a := range e.Attr {
				attr[a.Name.Local] = a.Value
			}
			switch {
			case e.Name.Local == "g" && attr["class"] == "row":
				p.Rows = append(p.Rows, attr["data-pod"]+" "+attr["data-container"]+" "+attr["data-kind"])
			case e.Name.Local == "g" && attr["class"] == "pod":
				p.Pods++
			case e.Name.Local == "title":
				inTitle = true
			}
		case xml.EndElement:
			inTitle = false
		case xml.CharData:
			if inTitle {
				p.Titles = append(p.Titles, string(e))
			}
		}
	}
}
