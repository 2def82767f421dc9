// Package kubectl prints pods the way `kubectl get pods` does, and holds
// the pod rules of kubectl's own utilities.
//
//	var p pod.Pod
//	json.Unmarshal(data, &p)          // kubectl get pod -o json
//	row := kubectl.PodRow(&p, now)    // READY, STATUS, RESTARTS, AGE, ... as values
//	row.Status                        // "CrashLoopBackOff"
//	row.RestartsText()                // "4 (38s ago)"
//
//	tw := kubectl.NewTableWriter(os.Stdout, kubectl.Options{Wide: true})
//	tw.Write(&row)                    // one line per pod
//	tw.Flush()                        // header and aligned columns, like -o wide
//
//	kubectl.HumanDuration(90 * time.Minute) // "90m", as AGE prints it
//	kubectl.IsPodAvailable(&p, 10, now)     // kubectl's availability rule
//	kubectl.SortActivePods(pods)            // kubectl's "first to delete" order
//	kubectl.SortByLogging(pods)             // the pod `kubectl logs deploy/x` reads first
//
//	kubectl.DescribeEvents(os.Stdout, log.Events(), now) // the Events section of kubectl describe (an events.Log)
//
// The row is what the apiserver's table printer computes
// (pkg/printers/internalversion/printers.go printPod): kubectl asks the
// server for a Table, so the cells follow the server's version, Kubernetes
// v1.37 here. Durations are those of k8s.io/apimachinery/pkg/util/duration;
// the predicates and orders are those of k8s.io/kubectl/pkg/util/podutils.
// The controllers' variants (IsPodAvailable counting the boundary,
// ActivePods without the deletion steps, ActivePodsWithRanks) live in
// package pod.
//
// Why a STATUS: the printer sets the cell again and again, each step
// overriding the last (the phase, status.reason, an init container, the
// regular containers walked from the last to the first, the Completed
// fix-up, deletion). ExplainStatus returns the row with the steps PodRow
// took, each a StatusRule with its words; the last step wrote the cell.
//
// Nothing here reads the clock: the printer's "now" is an argument. A nil
// *pod.Pod is read as an empty Pod.
//
// Not modelled: the row's table conditions (Completed=True for Succeeded
// and Failed pods), label columns (-L, --show-labels), --sort-by, and any
// resource but pods. IP reads status.podIPs only, as the printer does; the
// apiserver keeps status.podIP in step with it, so a pod read from a
// cluster shows the same.
package kubectl
