{{/*
Labels every object of the chart carries (Helm's and Kubernetes' recommended ones). The selector
stays app.kubernetes.io/name alone: a Deployment's selector cannot change, and earlier releases of
this chart selected by it.
*/}}
{{- define "mesh-operator.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "mesh-operator.selectorLabels" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: mesh-operator
{{- end }}

{{- define "mesh-operator.selectorLabels" -}}
app.kubernetes.io/name: mesh-operator
{{- end }}

{{/* The operator's image: a digest pins exactly what runs; otherwise the tag, or appVersion. */}}
{{- define "mesh-operator.image" -}}
{{- $image := .Values.image -}}
{{- if $image.digest -}}
{{ $image.registry }}/{{ $image.repository }}@{{ $image.digest }}
{{- else -}}
{{ $image.registry }}/{{ $image.repository }}:{{ $image.tag | default .Chart.AppVersion }}
{{- end -}}
{{- end }}

{{/* Whether metrics are served over HTTPS to authorized tokens (the operator's default). */}}
{{- define "mesh-operator.secureMetrics" -}}
{{- ne (toString (index .Values.app.envs "MESH_METRICS_SECURE" | default "true")) "false" -}}
{{- end }}
