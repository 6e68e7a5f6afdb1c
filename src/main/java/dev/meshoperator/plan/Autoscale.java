package dev.meshoperator.plan;

/** HorizontalPodAutoscaler bounds and CPU target of a workload. */
public record Autoscale(int min, int max, int targetCpuUtilization) {}
