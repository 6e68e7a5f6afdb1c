-- Argo CD health check for mesh.operator.dev/MeshInstallation.
-- Healthy: the operator has seen the current spec, applied it, and Istio is Ready.
-- Progressing: not seen yet, or applied and waiting for Istio (or for namespaces to enroll).
-- Suspended: a Manual revision upgrade whose new control plane is ready and waits for promotion,
-- or spec.paused (status.preview says what unpausing would do).
-- Degraded: the spec cannot be applied as it is (the Reconciled condition's reason says why).
local hs = { status = "Progressing", message = "Waiting for the operator to report status" }

local function condition(conditions, type)
  for _, c in ipairs(conditions or {}) do
    if c.type == type then
      return c
    end
  end
  return nil
end

local function current(c, generation)
  return c ~= nil and (c.observedGeneration == nil or c.observedGeneration >= generation)
end

if obj.status == nil or obj.status.conditions == nil then
  return hs
end
local generation = obj.metadata.generation or 0
local reconciled = condition(obj.status.conditions, "Reconciled")
if (obj.status.observedGeneration or 0) < generation or not current(reconciled, generation) then
  hs.message = "Waiting for the operator to observe generation " .. generation
  return hs
end
if reconciled.status == "False" then
  if reconciled.reason == "Paused" then
    hs.status = "Suspended"
    hs.message = reconciled.message or "Paused"
  elseif reconciled.reason == "ApplyFailed" then
    hs.message = "Applying (will retry): " .. (reconciled.message or "")
  else
    hs.status = "Degraded"
    hs.message = reconciled.reason .. ": " .. (reconciled.message or "")
  end
  return hs
end
local ready = condition(obj.status.conditions, "Ready")
if ready == nil or ready.status ~= "True" or not current(ready, generation) then
  hs.message = (ready and ready.message) or "Waiting for Istio's components to become ready"
  return hs
end
local enrolled = condition(obj.status.conditions, "NamespacesEnrolled")
if enrolled ~= nil and enrolled.status == "False" then
  if enrolled.reason == "Conflicts" then
    hs.status = "Degraded"
  end
  hs.message = enrolled.reason .. ": " .. (enrolled.message or "")
  return hs
end
local strategy = (obj.spec and obj.spec.updateStrategy) or {}
if strategy.promotion == "Manual" and obj.status.revisions ~= nil then
  for _, revision in ipairs(obj.status.revisions) do
    if revision.name ~= obj.status.activeRevision and revision.version == obj.status.version
        and revision.ready == "True" then
      hs.status = "Suspended"
      hs.message = "Revision " .. revision.name .. " (" .. revision.version .. ") is ready; "
        .. "set spec.updateStrategy.promotedVersion to " .. revision.version .. " to promote it"
      return hs
    end
  end
end
hs.status = "Healthy"
hs.message = ready.message or "Ready"
return hs
