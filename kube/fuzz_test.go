package kube

import (
	"encoding/json"
	"os"
	"sync"
	"testing"

	corev1 "k8s.io/api/core/v1"
)

// FuzzToPod: any JSON the API types decode maps directly to what the JSON
// path gives, and its status applied back changes nothing podlife does not
// own.
func FuzzToPod(f *testing.F) {
	b, err := os.ReadFile("testdata/pod.json")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(b)
	f.Add([]byte(`{"spec":{"containers":[]},"status":{"containerStatuses":[{"name":"a","state":{"running":{"startedAt":"2026-01-01T00:00:00.5+02:00"}}}]}}`))
	f.Add([]byte(`{"spec":{"containers":[{"name":"a","resources":{"limits":{"cpu":"+1","memory":"007"}},"livenessProbe":{"httpGet":{"port":"80"}}}]}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var in corev1.Pod
		if err := json.Unmarshal(data, &in); err != nil {
			return
		}
		if _, err := json.Marshal(&in); err != nil {
			return // a time the API cannot encode (year 10000): no JSON path to agree with
		}
		if _, err := ToPod(&in); err != nil {
			return // a quantity podlife cannot hold; the JSON path refuses it too
		}
		agree(t, "fuzz", &in)
		checkRoundTrip(t, "fuzz", &in)
		// And one Reader across the inputs, each read as ToPod reads it
		// whatever was read before.
		fuzzReaderMu.Lock()
		defer fuzzReaderMu.Unlock()
		readerSame(t, &fuzzReader, "fuzz", &in)
	})
}

var (
	fuzzReaderMu sync.Mutex
	fuzzReader   Reader
)
