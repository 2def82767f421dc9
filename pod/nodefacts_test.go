package pod_test

import (
	"testing"
	"time"

	"github.com/podlife/podlife/feature"
	"github.com/podlife/podlife/phase"
	"github.com/podlife/podlife/pod"
)

func TestInferNodeFacts(t *testing.T) {
	p := webPod()
	if _, ok := pod.InferNodeFacts(&p); ok {
		t.Fatal("a pod without nodeName is seen by no kubelet")
	}
	p.Spec.NodeName = "node-1"
	p.Status.PodIP = "10.0.0.7"
	facts, ok := pod.InferNodeFacts(&p)
	if !ok || facts.PodIsTerminal || !facts.PodHasInitialized || len(facts.Sandboxes) != 1 || !facts.Sandboxes[0].Ready {
		t.Fatalf("running pod with an IP: %+v %v", facts, ok)
	}
	// What the status shows is kept: a running pod with an IP has a ready
	// sandbox, so PodReadyToStartContainers stays True, and the phase is
	// the one the status says.
	ph := pod.Phase(&p, facts, feature.Gates{})
	for _, c := range pod.Conditions(&p, ph, facts, feature.Gates{}) {
		if c.Type == pod.PodReadyToStartContainers && c.Status != pod.ConditionTrue {
			t.Errorf("PodReadyToStartContainers %s: %s", c.Status, c.Message)
		}
	}
	if ph != phase.Running {
		t.Errorf("phase %s", ph)
	}
	p.Status.Conditions = append(p.Status.Conditions, pod.Condition{Type: pod.PodReadyToStartContainers, Status: pod.ConditionFalse})
	if facts, _ := pod.InferNodeFacts(&p); len(facts.Sandboxes) != 1 || facts.Sandboxes[0].Ready {
		t.Errorf("a False PodReadyToStartContainers must give a sandbox that is not ready: %+v", facts.Sandboxes)
	}
	p.Metadata.DeletionTimestamp = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	if facts, _ := pod.InferNodeFacts(&p); !facts.PodIsTerminal {
		t.Error("a pod being deleted is terminal for its kubelet")
	}
	if _, ok := pod.InferNodeFacts(nil); ok {
		t.Error("nil pod")
	}
}
