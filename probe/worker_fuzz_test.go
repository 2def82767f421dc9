package probe_test

import (
	"encoding/binary"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/podlife/podlife/probe"
)

// decodeOps turns fuzz bytes into a worker and a sequence of inputs: the
// first bytes choose the kind and the spec, then every 6 bytes are one op
// (kind, time step in 100 ms units, container age, outcome, flag).
func decodeOps(data []byte) (probe.Worker, []op, error) {
	next := func() byte {
		if len(data) == 0 {
			return 0
		}
		b := data[0]
		data = data[1:]
		return b
	}
	kinds := []probe.Kind{probe.Liveness, probe.Readiness, probe.Startup, ""}
	kind := kinds[int(next())%len(kinds)]
	spec := execProbe(int32(next()%20)-1, int32(next()%40)-1, int32(next()%4), int32(next()%5))
	w, err := probe.NewWorker(kind, spec, base)
	outcomes := []probe.Outcome{probe.OutcomeSuccess, probe.OutcomeFailure, probe.OutcomeTimeout, probe.OutcomeError, "?"}
	var ops []op
	now := time.Duration(0)
	for len(data) >= 6 {
		step := int16(binary.BigEndian.Uint16(data[1:3]))
		o := op{
			Kind:    int(data[0] % 10),
			Started: time.Duration(data[3]) * time.Second,
			Outcome: outcomes[int(data[4])%len(outcomes)],
			Flag:    data[5]&1 == 1,
		}
		now += time.Duration(step) * 100 * time.Millisecond
		o.At = now
		ops = append(ops, o)
		data = data[6:]
	}
	return w, ops, err
}

func FuzzWorker(f *testing.F) {
	f.Add([]byte{0, 10, 0, 3, 1, 0, 0, 0, 0, 0, 9, 0, 0, 100, 0, 1, 9, 0, 100, 0, 1, 1})
	f.Add([]byte{1, 5, 10, 2, 2, 1, 0, 0, 5, 1, 0, 9, 0, 0, 0, 0, 0, 0, 2, 0, 1, 0, 0, 0})
	f.Add([]byte{2, 1, 0, 1, 1, 1, 0, 0, 0, 0, 9, 0, 0, 0, 1, 1, 3, 0, 10, 0, 0, 1})
	f.Fuzz(func(t *testing.T, data []byte) {
		w, ops, err := decodeOps(data)
		if err != nil && w != (probe.Worker{}) {
			t.Fatalf("error %v with a non-zero worker", err)
		}
		w1, w2 := w, w
		a, b := apply(&w1, ops), apply(&w2, ops)
		if diff := cmp.Diff(a, b); diff != "" {
			t.Fatalf("two runs differ (-first +second):\n%s", diff)
		}
		if w1 != w2 {
			t.Fatal("two runs left different workers")
		}
		// Whatever happened, a reported due time is really due.
		now := base.Add(ops0Last(ops))
		if due, ok := w1.NextDue(now); ok && (!w1.Due(due) || due.Before(now)) {
			t.Fatalf("NextDue(%v) = %v but it is not due", now.Sub(base), due.Sub(base))
		}
	})
}

func ops0Last(ops []op) time.Duration {
	if len(ops) == 0 {
		return 0
	}
	return ops[len(ops)-1].At
}
