package kubelettest_test

import "k8s.io/apimachinery/pkg/util/intstr"

func intstrPort(n int) intstr.IntOrString { return intstr.FromInt32(int32(n)) }
