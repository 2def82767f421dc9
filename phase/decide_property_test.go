package phase_test

import (
	"testing"

	"pgregory.net/rapid"

	"github.com/podlife/podlife/pod"
)

// On any pod, the explained phase is pod.Phase's, the rule gives that
// phase, and a rule about a container names one of the pod's.
func TestExplainPhaseIsThePhaseProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		in := genInput(t)
		p := pod.Pod{
			Spec:   pod.Spec{RestartPolicy: in.RestartPolicy, InitContainers: in.InitContainers, Containers: in.Containers},
			Status: pod.Status{ContainerStatuses: in.ContainerStatuses, InitContainerStatuses: in.InitContainerStatuses},
		}
		if in.Static {
			p.Metadata.Annotations = map[string]string{pod.ConfigSourceAnnotation: "file"}
		}
		facts := pod.NodeFacts{PodIsTerminal: in.PodIsTerminal, PodHasInitialized: in.PodHasInitialized}
		why := pod.ExplainPhase(&p, facts, in.Gates)
		want := pod.Phase(&p, facts, in.Gates)
		if why.Phase != want || why.Rule.Result() != want {
			t.Fatalf("explained %s by %q (which gives %s), pod.Phase %s", why.Phase, why.Rule, why.Rule.Result(), want)
		}
		if why.About.IsSet() != (why.Container != "") {
			t.Fatalf("rule %q about %+v names container %q", why.Rule, why.About, why.Container)
		}
	})
}
