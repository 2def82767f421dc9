package probe

// Probe is a container probe (API type v1.Probe): a handler and the timing
// that drives it. Exactly one handler field should be set; validation
// reports otherwise. Zero timing fields are filled by Defaulted, as the
// apiserver does.
type Probe struct {
	Exec      *ExecAction      `json:"exec,omitempty"`
	HTTPGet   *HTTPGetAction   `json:"httpGet,omitempty"`
	TCPSocket *TCPSocketAction `json:"tcpSocket,omitempty"`
	GRPC      *GRPCAction      `json:"grpc,omitempty"`

	// InitialDelaySeconds suppresses probes until this many seconds after
	// the container started.
	InitialDelaySeconds int32 `json:"initialDelaySeconds,omitempty"`
	// TimeoutSeconds is how long one probe may take; a probe that takes
	// longer is a failure. Defaults to 1.
	TimeoutSeconds int32 `json:"timeoutSeconds,omitempty"`
	// PeriodSeconds is the time between probes. Defaults to 10.
	PeriodSeconds int32 `json:"periodSeconds,omitempty"`
	// SuccessThreshold is how many consecutive successes make the result
	// Success. Defaults to 1; must be 1 for liveness and startup probes.
	SuccessThreshold int32 `json:"successThreshold,omitempty"`
	// FailureThreshold is how many consecutive failures make the result
	// Failure. Defaults to 3.
	FailureThreshold int32 `json:"failureThreshold,omitempty"`
	// TerminationGracePeriodSeconds, when set, replaces the pod's grace
	// period for kills caused by this (liveness or startup) probe.
	TerminationGracePeriodSeconds *int64 `json:"terminationGracePeriodSeconds,omitempty"`
}

// ExecAction runs a command in the container; exit status 0 is success.
type ExecAction struct {
	Command []string `json:"command,omitempty"`
}

// URIScheme is the scheme of an HTTP probe or hook.
type URIScheme string

// The URI schemes of the Kubernetes API.
const (
	SchemeHTTP  URIScheme = "HTTP"
	SchemeHTTPS URIScheme = "HTTPS"
)

// HTTPHeader is a header sent with an HTTP probe or hook.
type HTTPHeader struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

// HTTPGetAction sends an HTTP GET; for a probe a status of 200–399 is
// success.
type HTTPGetAction struct {
	Path        string       `json:"path,omitempty"`
	Port        Port         `json:"port"`
	Host        string       `json:"host,omitempty"`
	Scheme      URIScheme    `json:"scheme,omitempty"`
	HTTPHeaders []HTTPHeader `json:"httpHeaders,omitempty"`
}

// TCPSocketAction opens a TCP connection; a connection that opens is
// success.
type TCPSocketAction struct {
	Port Port   `json:"port"`
	Host string `json:"host,omitempty"`
}

// GRPCAction calls the gRPC health-checking service; SERVING is success.
type GRPCAction struct {
	Port    int32   `json:"port"`
	Service *string `json:"service,omitempty"`
}

// The defaults the apiserver writes into a probe's zero timing fields
// (pkg/apis/core/v1/defaults.go SetDefaults_Probe).
const (
	DefaultTimeoutSeconds   = 1
	DefaultPeriodSeconds    = 10
	DefaultSuccessThreshold = 1
	DefaultFailureThreshold = 3
)

// Defaulted returns p with the apiserver's defaults applied: zero
// timeoutSeconds, periodSeconds, successThreshold and failureThreshold
// become 1, 10, 1 and 3, an httpGet without path or scheme gets "/" and
// HTTP, and a grpc without service gets the empty service
// (zz_generated.defaults.go, from GRPCAction's +default tag).
// initialDelaySeconds is not defaulted. p itself is not changed.
// Validation reads the same defaults without copying
// (Probe.AppendDefaultedErrors), through the same helpers.
func (p Probe) Defaulted() Probe {
	p.TimeoutSeconds = orDefault(p.TimeoutSeconds, DefaultTimeoutSeconds)
	p.PeriodSeconds = orDefault(p.PeriodSeconds, DefaultPeriodSeconds)
	p.SuccessThreshold = orDefault(p.SuccessThreshold, DefaultSuccessThreshold)
	p.FailureThreshold = orDefault(p.FailureThreshold, DefaultFailureThreshold)
	if p.HTTPGet != nil {
		h := *p.HTTPGet
		h = h.Defaulted()
		p.HTTPGet = &h
	}
	if p.GRPC != nil && p.GRPC.Service == nil {
		g := *p.GRPC
		g.Service = new(string)
		p.GRPC = &g
	}
	return p
}

// IsDefaulted reports whether Defaulted returns p unchanged: every field
// it defaults already set (a probe as the apiserver stores it). It reads
// the same helpers as Defaulted and copies nothing.
func (p *Probe) IsDefaulted() bool {
	return p.TimeoutSeconds == orDefault(p.TimeoutSeconds, DefaultTimeoutSeconds) &&
		p.PeriodSeconds == orDefault(p.PeriodSeconds, DefaultPeriodSeconds) &&
		p.SuccessThreshold == orDefault(p.SuccessThreshold, DefaultSuccessThreshold) &&
		p.FailureThreshold == orDefault(p.FailureThreshold, DefaultFailureThreshold) &&
		(p.HTTPGet == nil || p.HTTPGet.IsDefaulted()) &&
		(p.GRPC == nil || p.GRPC.Service != nil)
}

// orDefault is a timing field of a probe as SetDefaults_Probe leaves it
// (pkg/apis/core/v1/defaults.go): v, or d when v is zero.
func orDefault(v, d int32) int32 {
	if v == 0 {
		return d
	}
	return v
}

// Defaulted returns h with path "/" and scheme HTTP where they are empty
// (pkg/apis/core/v1/defaults.go SetDefaults_HTTPGetAction).
func (h HTTPGetAction) Defaulted() HTTPGetAction {
	h.Path = h.defaultedPath()
	h.Scheme = h.defaultedScheme()
	return h
}

// IsDefaulted reports whether Defaulted returns h unchanged.
func (h *HTTPGetAction) IsDefaulted() bool {
	return h.Path == h.defaultedPath() && h.Scheme == h.defaultedScheme()
}

// defaultedPath is h.Path as SetDefaults_HTTPGetAction leaves it: "/" when
// empty.
func (h *HTTPGetAction) defaultedPath() string {
	if h.Path == "" {
		return "/"
	}
	return h.Path
}

// defaultedScheme is h.Scheme as SetDefaults_HTTPGetAction leaves it: HTTP
// when empty.
func (h *HTTPGetAction) defaultedScheme() URIScheme {
	if h.Scheme == "" {
		return SchemeHTTP
	}
	return h.Scheme
}

// Kind names one of a container's three probes.
type Kind string

// The probe kinds, named as in the kubelet's events and metrics.
const (
	Liveness  Kind = "Liveness"
	Readiness Kind = "Readiness"
	Startup   Kind = "Startup"
)

// fieldName is the container field that holds a probe of kind k.
func (k Kind) fieldName() string {
	switch k {
	case Liveness:
		return "livenessProbe"
	case Readiness:
		return "readinessProbe"
	case Startup:
		return "startupProbe"
	}
	return "probe"
}

// Result is a probe worker's published result for a container.
type Result string

// The probe results (pkg/kubelet/prober/results).
const (
	// NoProbe: the container has no such probe; the Result of the zero
	// Worker, and what ContainerStarted and ContainerReady take for a
	// missing startup or readiness probe.
	NoProbe Result = ""
	// Unknown: no result yet; the initial startup result.
	Unknown Result = "Unknown"
	// Success: the probe passed; the initial liveness result.
	Success Result = "Success"
	// Failure: the probe failed; the initial readiness result.
	Failure Result = "Failure"
)
