"""QOS applications as workloads: tasks, data statistics, data-set presets, baselines."""
