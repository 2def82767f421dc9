package probe_test

import (
	"encoding/json"
	"errors"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/podlife/podlife/field"
	"github.com/podlife/podlife/probe"
)

// Any probe that decodes validates without panicking, NewWorker accepts
// exactly the specs whose defaulted form has no field errors, and a JSON
// round trip changes no answer.
func FuzzValidateProbe(f *testing.F) {
	f.Add([]byte(`{"httpGet":{"port":"http"},"periodSeconds":-1}`), int64(30))
	f.Add([]byte(`{"exec":{},"tcpSocket":{"port":0},"grpc":{"port":70000},"terminationGracePeriodSeconds":0}`), int64(-1))
	f.Add([]byte(`{"httpGet":{"path":"/","port":8080,"scheme":"FTP","httpHeaders":[{"name":"a b"}]},"successThreshold":2}`), int64(0))
	f.Add([]byte(`{"tcpSocket":{"port":"a--b"},"initialDelaySeconds":2147483647}`), int64(1))
	f.Add([]byte(`{"httpGet":{"path":"/","port":80,"scheme":"HTTP"},"timeoutSeconds":1,"periodSeconds":10,"successThreshold":1,"failureThreshold":3}`), int64(30))
	f.Add([]byte(`{"grpc":{"port":9000},"timeoutSeconds":1,"periodSeconds":10,"successThreshold":1,"failureThreshold":3}`), int64(30))
	f.Fuzz(func(t *testing.T, data []byte, grace int64) {
		var pr probe.Probe
		if err := json.Unmarshal(data, &pr); err != nil {
			return
		}
		root := field.NewPath("p")
		d0 := pr.Defaulted()
		// IsDefaulted says whether Defaulted changes anything; of a
		// defaulted probe, always.
		if got, want := pr.IsDefaulted(), reflect.DeepEqual(d0, pr); got != want {
			t.Fatalf("IsDefaulted %v, but Defaulted changes the probe: %v", got, !want)
		}
		if !d0.IsDefaulted() {
			t.Fatal("IsDefaulted false for a defaulted probe")
		}
		for _, kind := range []probe.Kind{probe.Liveness, probe.Readiness, probe.Startup, ""} {
			_ = pr.AppendErrors(nil, kind, &root)
			d := pr.Defaulted()
			errs := d.AppendErrors(nil, kind, &root)
			for _, e := range errs {
				_ = e.Error()
			}
			// Reading the defaults virtually answers as the copy does.
			if a, b := messages(errs), messages(pr.AppendDefaultedErrors(nil, kind, &root)); !slices.Equal(a, b) {
				t.Fatalf("%s: defaulted copy %v, virtual defaults %v", kind, a, b)
			}
			_, err := probe.NewWorker(kind, pr, time.Unix(0, 0))
			var se *probe.SpecError
			switch {
			case kind == "":
				if err == nil {
					t.Fatal("NewWorker accepted kind \"\"")
				}
			case len(errs) == 0 && err != nil:
				t.Fatalf("%s: valid spec refused: %v", kind, err)
			case len(errs) > 0 && (!errors.As(err, &se) || len(se.Errors) != len(errs)):
				t.Fatalf("%s: %d field errors, NewWorker said %v", kind, len(errs), err)
			}
		}
		// A decoded probe encodes to a fixed point: decoding the encoding
		// gives the same answers and the same encoding.
		enc, err := json.Marshal(pr)
		if err != nil {
			t.Fatalf("encode: %v", err)
		}
		var again probe.Probe
		if err := json.Unmarshal(enc, &again); err != nil {
			t.Fatalf("decode of %s: %v", enc, err)
		}
		if enc2, _ := json.Marshal(again); string(enc2) != string(enc) {
			t.Fatalf("second encoding differs:\n%s\n%s", enc, enc2)
		}
		if a, b := messages(pr.AppendErrors(nil, probe.Liveness, &root)), messages(again.AppendErrors(nil, probe.Liveness, &root)); !slices.Equal(a, b) {
			t.Fatalf("answers differ after a round trip: %v vs %v", a, b)
		}
		h := pr.Handler()
		_ = h.AppendErrors(nil, &grace, &root)
		hd := d0.Handler()
		if a, b := messages(hd.AppendErrors(nil, &grace, &root)), messages(h.AppendDefaultedErrors(nil, &grace, &root)); !slices.Equal(a, b) {
			t.Fatalf("handler: defaulted copy %v, virtual defaults %v", a, b)
		}
		_ = h.AppendErrors(nil, nil, nil)
	})
}
