import { graphql } from "./gql";

export const ViewerQuery = graphql(`
  query Viewer {
    viewer {
      name
      displayName
      role
      groups
    }
  }
`);

export const ReleaseRowFragment = graphql(`
  fragment ReleaseRow on Release {
    id
    name
    number
    status
    executionStatus
    inputRequiredCount
    createdBy
    createdOn
    definition {
      id
      name
    }
    progress {
      done
      total
      percent
    }
    environments {
      id
      name
      status
    }
  }
`);

export const ReleasesQuery = graphql(`
  query Releases($first: Int, $after: String, $filter: ReleaseFilter, $orderBy: ReleaseOrder!) {
    releases(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          ...ReleaseRow
        }
      }
    }
  }
`);

export const ReleasesUpdatedSubscription = graphql(`
  subscription ReleasesUpdated($filter: ReleaseFilter, $first: Int!) {
    releasesUpdated(filter: $filter, first: $first) {
      ...ReleaseRow
    }
  }
`);

export const DefinitionsQuery = graphql(`
  query Definitions {
    releaseDefinitions(first: 100) {
      edges {
        node {
          id
          name
          revision
          releaseCount
          variables {
            name
            value
          }
          environments {
            name
            trigger
            dependsOn
            critical
          }
        }
      }
    }
  }
`);

export const ApprovalFieldsFragment = graphql(`
  fragment ApprovalFields on Approval {
    id
    stage
    rank
    approver
    status
    gateOverride
    approvedBy
    comment
    createdOn
    modifiedOn
    timeoutAt
    deferUntil
    reassignedFrom
    canApprove
    environmentName
    release {
      id
      name
    }
  }
`);

export const InterventionFieldsFragment = graphql(`
  fragment InterventionFields on ManualIntervention {
    id
    kind
    status
    instructions
    approvers
    resolution
    values {
      name
      value
    }
    actedBy
    comment
    createdOn
    timeoutAt
    canAct
    task {
      id
      name
      status
      inputs {
        name
        value
      }
      viewerCan {
        retry
        ignore
        fixAndContinue
      }
    }
    release {
      id
      name
    }
  }
`);

export const AttemptFieldsFragment = graphql(`
  fragment AttemptFields on DeploymentAttempt {
    id
    attempt
    environmentName
    status
    operationStatus
    reason
    requestedBy
    lastModifiedBy
    queuedOn
    scheduledAt
    deferredUntil
    startedOn
    completedOn
    statusReason
    preDeployApprovals {
      ...ApprovalFields
    }
    postDeployApprovals {
      ...ApprovalFields
    }
    gates {
      id
      stage
      status
      samples
      nextSampleAt
      timeoutAt
      lastResults {
        name
        passed
      }
    }
    phases {
      id
      name
      rank
      runOn
      pool
      status
      agent
      startedOn
      completedOn
      tasks {
        id
        name
        kind
        rank
        status
        carriedOver
        logLineCount
        startedOn
        completedOn
        viewerCan {
          retry
          ignore
          fixAndContinue
        }
        runs {
          id
          number
          status
          agent
          startedOn
          completedOn
          exitCode
          error
          attempt
        }
      }
      manualInterventions {
        ...InterventionFields
      }
    }
  }
`);

export const ReleaseDetailFragment = graphql(`
  fragment ReleaseDetail on Release {
    id
    name
    number
    status
    executionStatus
    description
    createdBy
    createdOn
    modifiedOn
    scheduledStartTime
    startedOn
    completedOn
    inputRequiredCount
    viewerCan {
      start
      schedule
      abandon
    }
    variables {
      name
      value
    }
    artifacts {
      name
      value
    }
    definition {
      id
      name
    }
    progress {
      done
      total
      percent
    }
    environments {
      id
      name
      rank
      status
      skipped
      nextScheduledTime
      trigger
      dependsOn
      critical
      viewerCan {
        deploy
        cancel
      }
      latestAttempt {
        id
      }
      attempts {
        ...AttemptFields
      }
    }
  }
`);

export const ReleaseUpdatedSubscription = graphql(`
  subscription ReleaseUpdated($id: ID!) {
    releaseUpdated(id: $id) {
      ...ReleaseDetail
    }
  }
`);

export const TaskQuery = graphql(`
  query TaskInfo($id: ID!) {
    node(id: $id) {
      id
      ... on Task {
        name
        kind
        status
        logLineCount
        startedOn
        completedOn
      }
    }
  }
`);

export const TaskChangedSubscription = graphql(`
  subscription TaskChanged($releaseId: ID!) {
    releaseUpdated(id: $releaseId) {
      id
      version
    }
  }
`);

export const TaskTailQuery = graphql(`
  query TaskTail($id: ID!, $last: Int!) {
    node(id: $id) {
      id
      ... on Task {
        logTail(last: $last) {
          line
          stream
          text
          at
          runNumber
        }
      }
    }
  }
`);

export const TaskLogSubscription = graphql(`
  subscription TaskLog($taskId: ID!, $afterLine: Int!) {
    taskLog(taskId: $taskId, afterLine: $afterLine) {
      line
      stream
      text
      at
      runNumber
    }
  }
`);

export const ReleaseEventsSubscription = graphql(`
  subscription ReleaseEvents($releaseId: ID, $after: Int!) {
    releaseEvents(releaseId: $releaseId, after: $after) {
      seq
      entity
      entityId
      kind
      fromStatus
      toStatus
      fromOperationStatus
      toOperationStatus
      actor
      at
    }
  }
`);

export const InputRequiredSubscription = graphql(`
  subscription InputRequired {
    inputRequired {
      count
      approvals {
        ...ApprovalFields
      }
      manualInterventions {
        ...InterventionFields
      }
    }
  }
`);

export const AgentsQuery = graphql(`
  query Agents {
    agents {
      id
      name
      pool
      status
      enabled
      remote
      process
      capacity
      version
      busy
      lastSeen
      capabilities {
        name
        value
      }
      currentPhase {
        id
        name
        status
      }
    }
    agentQueue {
      releaseId
      releaseName
      environmentName
      waitingSince
      phase {
        id
        name
        pool
      }
    }
  }
`);

export const ApprovalNodeQuery = graphql(`
  query ApprovalNode($id: ID!) {
    node(id: $id) {
      id
      __typename
      ... on Approval {
        ...ApprovalFields
      }
    }
  }
`);

export const InterventionNodeQuery = graphql(`
  query InterventionNode($id: ID!) {
    node(id: $id) {
      id
      __typename
      ... on ManualIntervention {
        ...InterventionFields
      }
    }
  }
`);

// Mutations: every one selects `... on Error { code message }`.

export const CreateReleaseMutation = graphql(`
  mutation CreateRelease($input: CreateReleaseInput!) {
    createRelease(input: $input) {
      __typename
      ... on CreateReleasePayload {
        release {
          id
        }
      }
      ... on Error {
        code
        message
      }
    }
  }
`);

export const StartReleaseMutation = graphql(`
  mutation StartRelease($input: StartReleaseInput!) {
    startRelease(input: $input) {
      __typename
      ... on Error {
        code
        message
      }
    }
  }
`);

export const ScheduleReleaseMutation = graphql(`
  mutation ScheduleRelease($input: ScheduleReleaseInput!) {
    scheduleRelease(input: $input) {
      __typename
      ... on Error {
        code
        message
      }
    }
  }
`);

export const AbandonReleaseMutation = graphql(`
  mutation AbandonRelease($input: AbandonReleaseInput!) {
    abandonRelease(input: $input) {
      __typename
      ... on Error {
        code
        message
      }
    }
  }
`);

export const DeployEnvironmentMutation = graphql(`
  mutation DeployEnvironment($input: DeployEnvironmentInput!) {
    deployEnvironment(input: $input) {
      __typename
      ... on Error {
        code
        message
      }
    }
  }
`);

export const CancelDeploymentMutation = graphql(`
  mutation CancelDeployment($input: CancelDeploymentInput!) {
    cancelDeployment(input: $input) {
      __typename
      ... on Error {
        code
        message
      }
    }
  }
`);

export const ApproveMutation = graphql(`
  mutation Approve($input: ApproveInput!) {
    approve(input: $input) {
      __typename
      ... on ApprovePayload {
        approval {
          ...ApprovalFields
        }
      }
      ... on Error {
        code
        message
      }
    }
  }
`);

export const ReassignApprovalMutation = graphql(`
  mutation ReassignApproval($input: ReassignApprovalInput!) {
    reassignApproval(input: $input) {
      __typename
      ... on Error {
        code
        message
      }
    }
  }
`);

export const RejectMutation = graphql(`
  mutation Reject($input: RejectInput!) {
    reject(input: $input) {
      __typename
      ... on RejectPayload {
        approval {
          ...ApprovalFields
        }
      }
      ... on Error {
        code
        message
      }
    }
  }
`);

export const ResumeInterventionMutation = graphql(`
  mutation ResumeIntervention($input: ResumeManualInterventionInput!) {
    resumeManualIntervention(input: $input) {
      __typename
      ... on ResumeManualInterventionPayload {
        manualIntervention {
          ...InterventionFields
        }
      }
      ... on Error {
        code
        message
      }
    }
  }
`);

export const RejectInterventionMutation = graphql(`
  mutation RejectIntervention($input: RejectManualInterventionInput!) {
    rejectManualIntervention(input: $input) {
      __typename
      ... on RejectManualInterventionPayload {
        manualIntervention {
          ...InterventionFields
        }
      }
      ... on Error {
        code
        message
      }
    }
  }
`);

export const RetryTaskMutation = graphql(`
  mutation RetryTask($input: RetryTaskInput!) {
    retryTask(input: $input) {
      __typename
      ... on Error {
        code
        message
      }
    }
  }
`);

export const IgnoreTaskFailureMutation = graphql(`
  mutation IgnoreTaskFailure($input: IgnoreTaskFailureInput!) {
    ignoreTaskFailure(input: $input) {
      __typename
      ... on Error {
        code
        message
      }
    }
  }
`);

export const FixAndContinueMutation = graphql(`
  mutation FixAndContinue($input: FixAndContinueInput!) {
    fixAndContinue(input: $input) {
      __typename
      ... on Error {
        code
        message
      }
    }
  }
`);
