// Package podlife is the root of a pure-Go model of the Kubernetes Pod
// lifecycle, faithful to Kubernetes v1.37 with its default feature gates.
//
// (Overview written in full once the packages exist.)
package podlife
