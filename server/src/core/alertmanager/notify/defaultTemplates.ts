/**
 * The templates Alertmanager always loads before the user's (its template/default.tmpl and email.tmpl), written
 * here from scratch: the same names, producing the same subject, title, link and alert-list text, so a preview of
 * a receiver without custom templates shows what Alertmanager would send. The e-mail HTML is a plain page of our
 * own with the same content (status, group, alerts with labels, annotations and source links).
 */

const FIRING_RESOLVED = (list: string, heading: string): string =>
  `{{ with .Alerts.Firing }}\n${heading}Alerts Firing:\n{{ template "${list}" . }}\n{{ end }}` +
  `{{ with .Alerts.Resolved }}\n${heading}Alerts Resolved:\n{{ template "${list}" . }}\n{{ end }}`;

const COMMON = `{{ join " " .CommonAnnotations.SortedPairs.Values }}`;

export const DEFAULT_TEMPLATES = `
{{ define "__alertmanager" }}Alertmanager{{ end }}
{{ define "__alertmanagerURL" }}{{ .ExternalURL }}/#/alerts?receiver={{ urlquery .Receiver }}{{ end }}
{{ define "__subject" -}}
[{{ toUpper .Status }}{{ if eq .Status "firing" }}:{{ len .Alerts.Firing }}{{ end }}] {{ join " " .GroupLabels.SortedPairs.Values }} {{ if gt (len .CommonLabels) (len .GroupLabels) }}({{ join " " (.CommonLabels.Remove .GroupLabels.Names).Values }}){{ end }}
{{- end }}
{{ define "__description" }}{{ end }}
{{ define "__text_alert_list" }}{{ range . }}Labels:
{{ range .Labels.SortedPairs }} - {{ .Name }} = {{ .Value }}
{{ end }}Annotations:
{{ range .Annotations.SortedPairs }} - {{ .Name }} = {{ .Value }}
{{ end }}Source: {{ .GeneratorURL }}
{{ end }}{{ end }}
{{ define "__text_alert_list_markdown" }}{{ range . }}
Labels:
{{ range .Labels.SortedPairs }}  - {{ .Name }} = {{ .Value }}
{{ end }}
Annotations:
{{ range .Annotations.SortedPairs }}  - {{ .Name }} = {{ .Value }}
{{ end }}
Source: {{ .GeneratorURL }}
{{ end }}
{{ end }}
{{ define "__o11y_firing_resolved" }}${FIRING_RESOLVED('__text_alert_list', '')}{{ end }}
{{ define "__o11y_firing_resolved_markdown" }}${FIRING_RESOLVED('__text_alert_list_markdown', '# ')}{{ end }}
{{ define "__o11y_color" }}{{ if eq .Status "firing" }}danger{{ else }}good{{ end }}{{ end }}

{{ define "slack.default.title" }}{{ template "__subject" . }}{{ end }}
{{ define "slack.default.username" }}{{ template "__alertmanager" . }}{{ end }}
{{ define "slack.default.titlelink" }}{{ template "__alertmanagerURL" . }}{{ end }}
{{ define "slack.default.fallback" }}{{ template "slack.default.title" . }} | {{ template "slack.default.titlelink" . }}{{ end }}
{{ define "slack.default.color" }}{{ template "__o11y_color" . }}{{ end }}
{{ define "slack.default.callbackid" }}{{ end }}
{{ define "slack.default.pretext" }}{{ end }}
{{ define "slack.default.iconemoji" }}{{ end }}
{{ define "slack.default.iconurl" }}{{ end }}
{{ define "slack.default.text" }}{{ end }}
{{ define "slack.default.footer" }}{{ end }}

{{ define "mattermost.default.color" }}{{ template "__o11y_color" . }}{{ end }}
{{ define "mattermost.default.username" }}{{ template "__alertmanager" . }}{{ end }}
{{ define "mattermost.default.title" }}{{ template "__subject" . }}{{ end }}
{{ define "mattermost.default.titlelink" }}{{ template "__alertmanagerURL" . }}{{ end }}
{{ define "mattermost.default.fallback" }}{{ template "mattermost.default.title" . }} | {{ template "mattermost.default.titlelink" . }}{{ end }}
{{ define "mattermost.default.text" }}{{ template "__o11y_firing_resolved_markdown" . }}{{ end }}

{{ define "pagerduty.default.description" }}{{ template "__subject" . }}{{ end }}
{{ define "pagerduty.default.client" }}{{ template "__alertmanager" . }}{{ end }}
{{ define "pagerduty.default.clientURL" }}{{ template "__alertmanagerURL" . }}{{ end }}
{{ define "pagerduty.default.instances" }}{{ template "__text_alert_list" . }}{{ end }}

{{ define "opsgenie.default.message" }}{{ template "__subject" . }}{{ end }}
{{ define "opsgenie.default.description" }}${COMMON}{{ template "__o11y_firing_resolved" . }}{{ end }}
{{ define "opsgenie.default.source" }}{{ template "__alertmanagerURL" . }}{{ end }}

{{ define "wechat.default.message" }}{{ template "__subject" . }}
${COMMON}{{ template "__o11y_firing_resolved" . }}
AlertmanagerUrl:
{{ template "__alertmanagerURL" . }}{{ end }}
{{ define "wechat.default.to_user" }}{{ end }}
{{ define "wechat.default.to_party" }}{{ end }}
{{ define "wechat.default.to_tag" }}{{ end }}
{{ define "wechat.default.agent_id" }}{{ end }}

{{ define "victorops.default.state_message" }}${COMMON}{{ template "__o11y_firing_resolved" . }}{{ end }}
{{ define "victorops.default.entity_display_name" }}{{ template "__subject" . }}{{ end }}
{{ define "victorops.default.monitoring_tool" }}{{ template "__alertmanager" . }}{{ end }}

{{ define "pushover.default.title" }}{{ template "__subject" . }}{{ end }}
{{ define "pushover.default.message" }}${COMMON}{{ template "__o11y_firing_resolved" . }}{{ end }}
{{ define "pushover.default.url" }}{{ template "__alertmanagerURL" . }}{{ end }}

{{ define "sns.default.subject" }}{{ template "__subject" . }}{{ end }}
{{ define "sns.default.message" }}${COMMON}{{ template "__o11y_firing_resolved" . }}{{ end }}

{{ define "telegram.default.message" }}{{ template "__o11y_firing_resolved" . }}{{ end }}

{{ define "discord.default.content" }}{{ end }}
{{ define "discord.default.title" }}{{ template "__subject" . }}{{ end }}
{{ define "discord.default.message" }}{{ template "__o11y_firing_resolved" . }}{{ end }}

{{ define "webex.default.message" }}${COMMON}{{ template "__o11y_firing_resolved" . }}{{ end }}

{{ define "msteams.default.summary" }}{{ template "__subject" . }}{{ end }}
{{ define "msteams.default.title" }}{{ template "__subject" . }}{{ end }}
{{ define "msteams.default.text" }}{{ template "__o11y_firing_resolved_markdown" . }}{{ end }}
{{ define "msteamsv2.default.title" }}{{ template "__subject" . }}{{ end }}
{{ define "msteamsv2.default.text" }}{{ template "__o11y_firing_resolved_markdown" . }}{{ end }}

{{ define "jira.default.summary" }}{{ template "__subject" . }}{{ end }}
{{ define "jira.default.description" }}{{ template "__o11y_firing_resolved_markdown" . }}{{ end }}
{{ define "jira.default.priority" -}}
{{- $p := "" -}}
{{- range .Alerts.Firing -}}
{{- $s := .Labels.severity -}}
{{- if eq $s "critical" }}{{ $p = "High" }}{{ else if and (eq $s "warning") (ne $p "High") }}{{ $p = "Medium" }}{{ else if and (eq $s "info") (eq $p "") }}{{ $p = "Low" }}{{ end -}}
{{- end -}}
{{- if eq $p "" -}}{{- range .Alerts.Resolved -}}
{{- $s := .Labels.severity -}}
{{- if eq $s "critical" }}{{ $p = "High" }}{{ else if and (eq $s "warning") (ne $p "High") }}{{ $p = "Medium" }}{{ else if and (eq $s "info") (eq $p "") }}{{ $p = "Low" }}{{ end -}}
{{- end -}}{{- end -}}
{{- $p -}}
{{- end }}

{{ define "rocketchat.default.title" }}{{ template "__subject" . }}{{ end }}
{{ define "rocketchat.default.alias" }}{{ template "__alertmanager" . }}{{ end }}
{{ define "rocketchat.default.titlelink" }}{{ template "__alertmanagerURL" . }}{{ end }}
{{ define "rocketchat.default.emoji" }}{{ end }}
{{ define "rocketchat.default.iconurl" }}{{ end }}
{{ define "rocketchat.default.text" }}{{ end }}

{{ define "email.default.subject" }}{{ template "__subject" . }}{{ end }}
{{ define "email.default.html" -}}
<!DOCTYPE html>
<html>
<head><meta charset="UTF-8"><title>{{ template "__subject" . }}</title></head>
<body style="font-family: Helvetica, Arial, sans-serif; font-size: 14px;">
<p style="padding: 12px; color: #fff; background: {{ if eq .Status "firing" }}#e45959{{ else }}#68b90f{{ end }};">
{{ len .Alerts }} alert{{ if gt (len .Alerts) 1 }}s{{ end }} for{{ range .GroupLabels.SortedPairs }} {{ .Name }}={{ .Value }}{{ end }}
</p>
<p><a href="{{ template "__alertmanagerURL" . }}">View in {{ template "__alertmanager" . }}</a></p>
{{ with .Alerts.Firing }}<h3>[{{ len . }}] Firing</h3>{{ template "__o11y_html_alerts" . }}{{ end }}
{{ with .Alerts.Resolved }}<h3>[{{ len . }}] Resolved</h3>{{ template "__o11y_html_alerts" . }}{{ end }}
<p style="color: #999; font-size: 12px;"><a href="{{ .ExternalURL }}">Sent by {{ template "__alertmanager" . }}</a></p>
</body>
</html>
{{- end }}
{{ define "__o11y_html_alerts" }}{{ range . }}
<p><strong>Labels</strong><br>
{{ range .Labels.SortedPairs }}{{ .Name }} = {{ .Value }}<br>{{ end }}
{{ if .Annotations }}<strong>Annotations</strong><br>
{{ range .Annotations.SortedPairs }}{{ .Name }} = {{ .Value }}<br>{{ end }}{{ end }}
<a href="{{ .GeneratorURL }}">Source</a></p>
{{ end }}{{ end }}
`;
