"""What the API benchmark sends to the GraphQL API: its documents, and the ids they carry."""

from __future__ import annotations

import base64

Json = dict[str, object]


def global_id(type_name: str, node_id: str) -> str:
    """Strawberry's relay id: base64 of ``Type:id``."""
    return base64.b64encode(f"{type_name}:{node_id}".encode()).decode()


RELEASE_TREE = """
query ReleaseTree($id: ID!) {
  release(id: $id) {
    id name number status executionStatus description
    artifacts { name value } variables { name value }
    createdBy createdOn modifiedBy modifiedOn scheduledStartTime startedOn completedOn
    inputRequiredCount version
    definition {
      id name revision source releaseCount createdBy createdOn modifiedBy modifiedOn
      environments { name trigger dependsOn critical }
    }
    progress { done total percent }
    environments {
      id name rank status skipped nextScheduledTime trigger dependsOn critical
      latestAttempt { id attempt }
      attempts {
        id attempt environmentName status operationStatus reason requestedBy lastModifiedBy
        queuedOn scheduledAt deferredUntil startedOn completedOn
        preDeployApprovals { ...approval }
        postDeployApprovals { ...approval }
        gates {
          id stage status samples lastResults { name passed }
          startedOn completedOn nextSampleAt timeoutAt succeedingSince
        }
        phases {
          id name rank runOn pool status agent startedOn completedOn
          manualInterventions {
            id kind status instructions approvers resolution values { name value }
            actedBy comment createdOn modifiedOn timeoutAt canAct
          }
          tasks {
            id name kind rank status carriedOver inputs { name value } logLineCount
            startedOn completedOn
            runs { id number status agent startedOn completedOn exitCode error }
            log { line stream text at runNumber }
          }
        }
      }
    }
  }
}
fragment approval on Approval {
  id stage rank approver status gateOverride approvedBy comment createdOn modifiedOn
  timeoutAt deferUntil reassignedFrom canApprove environmentName
}"""
CREATE_RELEASE = """
mutation CreateRelease($definition: ID!, $start: Boolean!) {
  createRelease(input: {definitionId: $definition, start: $start}) {
    __typename
    ... on CreateReleasePayload { release { id } }
  }
}"""
PENDING_APPROVAL = """
query PendingApproval($id: ID!) {
  release(id: $id) { environments { latestAttempt { preDeployApprovals { id } } } }
}"""
APPROVE = """
mutation Approve($id: ID!) {
  approve(input: {approvalId: $id, comment: "bench"}) {
    __typename
    ... on ApprovePayload { approval { id status } }
  }
}"""
