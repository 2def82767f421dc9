package phase

import "github.com/podlife/podlife/restart"

// temporary until restart.decide lands
func shouldRestartAfterExit(podPolicy, cPolicy restart.Policy, rules []restart.Rule, code int32, restartAll bool) bool {
	if cPolicy != "" {
		if i := restart.FirstMatch(rules, code); i >= 0 {
			if rules[i].Action == restart.ActionRestart || (restartAll && rules[i].Action == restart.ActionRestartAllContainers) {
				return true
			}
		}
		podPolicy = cPolicy
	}
	switch podPolicy {
	case restart.OnFailure:
		return code != 0
	case restart.Never:
		return false
	}
	return true
}
