package pod_test

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/podlife/podlife/container"
	"github.com/podlife/podlife/feature"
	"github.com/podlife/podlife/restart"

	"github.com/podlife/podlife/pod"
)

// A container that has crashed five times: restarted four times, it now
// waits in CrashLoopBackOff. From its status alone: the window in force is
// 80 s from its last exit, and the exit after the next start will face
// 160 s.
func ExampleNextRestart() {
	const manifest = `{
	  "metadata": {"name": "api-5f9b8d7c6-q8kzl", "namespace": "shop"},
	  "spec": {"containers": [{"name": "api", "image": "shop/api:1.4"}]},
	  "status": {"phase": "Running", "containerStatuses": [{
	    "name": "api", "restartCount": 4, "ready": false,
	    "state": {"waiting": {"reason": "CrashLoopBackOff"}},
	    "lastState": {"terminated": {"exitCode": 1, "reason": "Error",
	      "startedAt": "2025-01-01T11:59:10Z", "finishedAt": "2025-01-01T11:59:18Z"}}}]}
	}`
	var p pod.Pod
	if err := json.Unmarshal([]byte(manifest), &p); err != nil {
		panic(err)
	}
	gates := feature.Gates{}
	next, err := pod.NextRestart(&p, "api", container.Regular, gates, restart.CrashLoopLimits{})
	if err != nil {
		panic(err)
	}
	fmt.Println("restarts:", next.WillRestart, "delay:", next.Delay, "from", next.Source)
	fmt.Println("next start:", next.NextStart.Format(time.RFC3339))
	fmt.Println("then:", next.NextDelay)
	// Output:
	// restarts: true delay: 1m20s from RestartCount
	// next start: 2025-01-01T12:00:38Z
	// then: 2m40s
}
