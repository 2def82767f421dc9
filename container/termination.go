package container

// TerminationMessagePolicy is a container's terminationMessagePolicy: what
// the kubelet reports as a terminated container's message when the file
// at its terminationMessagePath is empty. Its values are the API strings.
//
// podlife models what the apiserver does with the field (its default and
// validation), not what the kubelet reads: a machine is told of no file or
// log, and the terminated states it reports carry no message.
type TerminationMessagePolicy string

const (
	// TerminationMessageReadFile: the message is the file's content only
	// (the apiserver's default).
	TerminationMessageReadFile TerminationMessagePolicy = "File"
	// TerminationMessageFallbackToLogsOnError: when the file is empty and
	// the container failed (exit code not 0), the message is the end of
	// its log instead.
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
