package container

// TerminationMessagePolicy is a container's terminationMessagePolicy: what
// the kubelet reports as a terminated container's message when the file
// at its terminationMessagePath is empty. Its values are the API strings.
//
// TerminationMessage is the kubelet's rule for what it reports.
type TerminationMessagePolicy string

const (
	// TerminationMessageReadFile: the message is the file's content only
	// (the apiserver's default).
	TerminationMessageReadFile TerminationMessagePolicy = "File"
	// TerminationMessageFallbackToLogsOnError: when the file is empty and
	// the container failed (it ran, and its exit code is not 0), the
	// message is the end of its log instead.
	TerminationMessageFallbackToLogsOnError TerminationMessagePolicy = "FallbackToLogsOnError"
)

// DefaultTerminationMessagePath is the terminationMessagePath the
// apiserver gives a container that sets none (k8s.io/api/core/v1
// TerminationMessagePathDefault).
const DefaultTerminationMessagePath = "/dev/termination-log"

// EffectiveTerminationMessagePath is the container's
// terminationMessagePath, or, when unset, the apiserver's default
// (pkg/apis/core/v1/defaults.go SetDefaults_Container).
func (c *Container) EffectiveTerminationMessagePath() string {
	if c.TerminationMessagePath != "" {
		return c.TerminationMessagePath
	}
	return DefaultTerminationMessagePath
}

// EffectiveTerminationMessagePolicy is the container's
// terminationMessagePolicy, or, when unset, the apiserver's default, File
// (SetDefaults_Container).
func (c *Container) EffectiveTerminationMessagePolicy() TerminationMessagePolicy {
	if c.TerminationMessagePolicy != "" {
		return c.TerminationMessagePolicy
	}
	return TerminationMessageReadFile
}

// The kubelet's bounds on what it reads for a termination message
// (pkg/kubelet/container/runtime.go).
const (
	// MaxTerminationMessageBytes is how much of the file the kubelet
	// reads: its end (MaxContainerTerminationMessageLength).
	MaxTerminationMessageBytes = 4 * 1024
	// MaxTerminationLogLines and MaxTerminationLogBytes bound the end of
	// the log it reads instead (MaxContainerTerminationMessageLogLines,
	// MaxContainerTerminationMessageLogLength).
	MaxTerminationLogLines = 80
	MaxTerminationLogBytes = 2 * 1024
	// MaxPodTerminationMessageBytes is what the terminated states of all a
	// pod's containers may say together: each status gets an equal share
	// (MaxPodTerminationMessageLogLength; pod.Machine applies it).
	MaxPodTerminationMessageBytes = 12 * 1024
)

// TerminationMessage is the message the kubelet reports in the terminated
// state of a container that exited with exitCode and reason, whose
// terminationMessagePolicy is policy, having left file in its
// terminationMessagePath and log as its log
// (pkg/kubelet/kuberuntime/kuberuntime_container.go
// convertToKubeContainerStatus, getTerminationMessage,
// readLastStringFromContainerLogs):
//
//   - the file's last MaxTerminationMessageBytes;
//   - when the file is empty (or was never written), the policy is
//     FallbackToLogsOnError and the container failed (exit code not 0, and
//     it did run: reason not ContainerCannotRun), the log's last
//     MaxTerminationLogLines lines, cut to their last MaxTerminationLogBytes;
//   - else nothing.
//
// A line is what ends with a newline, or the text after the last one; the
// kubelet counts the entries of the runtime's log file, one a line unless
// a line is longer than the runtime's buffer (16 KiB in containerd). Cuts
// are in bytes, as upstream's, and may split a UTF-8 sequence.
func TerminationMessage(policy TerminationMessagePolicy, exitCode int32, reason TerminatedReason, file, log string) string {
	if file != "" {
		return file[max(0, len(file)-MaxTerminationMessageBytes):]
	}
	if policy != TerminationMessageFallbackToLogsOnError || exitCode == 0 || reason == ContainerCannotRun {
		return ""
	}
	tail := log[lastLinesStart(log, MaxTerminationLogLines):]
	return tail[max(0, len(tail)-MaxTerminationLogBytes):]
}

// lastLinesStart is where the last n lines of s begin (0 when it has no
// more than n).
func lastLinesStart(s string, n int) int {
	seen := 0
	// A newline ending s ends its last line; every other one is where a
	// line begins after it.
	for i := len(s) - 2; i >= 0; i-- {
		if s[i] == '\n' {
			seen++
			if seen == n {
				return i + 1
			}
		}
	}
	return 0
}
