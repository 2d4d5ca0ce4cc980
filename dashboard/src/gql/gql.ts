/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query Viewer {\n    viewer {\n      name\n      displayName\n      role\n      groups\n    }\n  }\n": typeof types.ViewerDocument,
    "\n  fragment ReleaseRow on Release {\n    id\n    name\n    number\n    status\n    executionStatus\n    inputRequiredCount\n    createdBy\n    createdOn\n    definition {\n      id\n      name\n    }\n    progress {\n      done\n      total\n      percent\n    }\n    environments {\n      id\n      name\n      status\n    }\n  }\n": typeof types.ReleaseRowFragmentDoc,
    "\n  query Releases($first: Int, $after: String, $filter: ReleaseFilter, $orderBy: ReleaseOrder!) {\n    releases(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          ...ReleaseRow\n        }\n      }\n    }\n  }\n": typeof types.ReleasesDocument,
    "\n  subscription ReleasesUpdated($filter: ReleaseFilter, $first: Int!) {\n    releasesUpdated(filter: $filter, first: $first) {\n      ...ReleaseRow\n    }\n  }\n": typeof types.ReleasesUpdatedDocument,
    "\n  query Definitions {\n    releaseDefinitions(first: 100) {\n      edges {\n        node {\n          id\n          name\n          revision\n          releaseCount\n          environments {\n            name\n            trigger\n            dependsOn\n            critical\n          }\n        }\n      }\n    }\n  }\n": typeof types.DefinitionsDocument,
    "\n  fragment ApprovalFields on Approval {\n    id\n    stage\n    rank\n    approver\n    status\n    gateOverride\n    approvedBy\n    comment\n    createdOn\n    modifiedOn\n    timeoutAt\n    deferUntil\n    reassignedFrom\n    canApprove\n    environmentName\n    release {\n      id\n      name\n    }\n  }\n": typeof types.ApprovalFieldsFragmentDoc,
    "\n  fragment InterventionFields on ManualIntervention {\n    id\n    kind\n    status\n    instructions\n    approvers\n    resolution\n    values {\n      name\n      value\n    }\n    actedBy\n    comment\n    createdOn\n    timeoutAt\n    canAct\n    task {\n      id\n      name\n      status\n      inputs {\n        name\n        value\n      }\n    }\n    release {\n      id\n      name\n    }\n  }\n": typeof types.InterventionFieldsFragmentDoc,
    "\n  fragment AttemptFields on DeploymentAttempt {\n    id\n    attempt\n    environmentName\n    status\n    operationStatus\n    reason\n    requestedBy\n    lastModifiedBy\n    queuedOn\n    scheduledAt\n    deferredUntil\n    startedOn\n    completedOn\n    statusReason\n    preDeployApprovals {\n      ...ApprovalFields\n    }\n    postDeployApprovals {\n      ...ApprovalFields\n    }\n    gates {\n      id\n      stage\n      status\n      samples\n      nextSampleAt\n      timeoutAt\n      lastResults {\n        name\n        passed\n      }\n    }\n    phases {\n      id\n      name\n      rank\n      runOn\n      pool\n      status\n      agent\n      startedOn\n      completedOn\n      tasks {\n        id\n        name\n        kind\n        rank\n        status\n        carriedOver\n        logLineCount\n        startedOn\n        completedOn\n        runs {\n          id\n          number\n          status\n          agent\n          startedOn\n          completedOn\n          exitCode\n          error\n          attempt\n        }\n      }\n      manualInterventions {\n        ...InterventionFields\n      }\n    }\n  }\n": typeof types.AttemptFieldsFragmentDoc,
    "\n  fragment ReleaseDetail on Release {\n    id\n    name\n    number\n    status\n    executionStatus\n    description\n    createdBy\n    createdOn\n    modifiedOn\n    scheduledStartTime\n    startedOn\n    completedOn\n    inputRequiredCount\n    variables {\n      name\n      value\n    }\n    artifacts {\n      name\n      value\n    }\n    definition {\n      id\n      name\n    }\n    progress {\n      done\n      total\n      percent\n    }\n    environments {\n      id\n      name\n      rank\n      status\n      skipped\n      nextScheduledTime\n      trigger\n      dependsOn\n      critical\n      latestAttempt {\n        id\n      }\n      attempts {\n        ...AttemptFields\n      }\n    }\n  }\n": typeof types.ReleaseDetailFragmentDoc,
    "\n  query Release($id: ID!) {\n    release(id: $id) {\n      ...ReleaseDetail\n    }\n  }\n": typeof types.ReleaseDocument,
    "\n  subscription ReleaseUpdated($id: ID!) {\n    releaseUpdated(id: $id) {\n      ...ReleaseDetail\n    }\n  }\n": typeof types.ReleaseUpdatedDocument,
    "\n  query TaskInfo($id: ID!) {\n    node(id: $id) {\n      id\n      ... on Task {\n        name\n        kind\n        status\n        logLineCount\n        startedOn\n        completedOn\n      }\n    }\n  }\n": typeof types.TaskInfoDocument,
    "\n  subscription TaskLog($taskId: ID!, $afterLine: Int!) {\n    taskLog(taskId: $taskId, afterLine: $afterLine) {\n      line\n      stream\n      text\n      at\n      runNumber\n    }\n  }\n": typeof types.TaskLogDocument,
    "\n  subscription ReleaseEvents($releaseId: ID, $after: Int!) {\n    releaseEvents(releaseId: $releaseId, after: $after) {\n      seq\n      entity\n      entityId\n      kind\n      fromStatus\n      toStatus\n      fromOperationStatus\n      toOperationStatus\n      actor\n      at\n    }\n  }\n": typeof types.ReleaseEventsDocument,
    "\n  subscription InputRequired {\n    inputRequired {\n      count\n      approvals {\n        ...ApprovalFields\n      }\n      manualInterventions {\n        ...InterventionFields\n      }\n    }\n  }\n": typeof types.InputRequiredDocument,
    "\n  query Agents {\n    agents {\n      id\n      name\n      pool\n      status\n      enabled\n      remote\n      process\n      capacity\n      version\n      busy\n      lastSeen\n      capabilities {\n        name\n        value\n      }\n      currentPhase {\n        id\n        name\n        status\n      }\n    }\n  }\n": typeof types.AgentsDocument,
    "\n  query ApprovalNode($id: ID!) {\n    node(id: $id) {\n      id\n      __typename\n      ... on Approval {\n        ...ApprovalFields\n      }\n    }\n  }\n": typeof types.ApprovalNodeDocument,
    "\n  query InterventionNode($id: ID!) {\n    node(id: $id) {\n      id\n      __typename\n      ... on ManualIntervention {\n        ...InterventionFields\n      }\n    }\n  }\n": typeof types.InterventionNodeDocument,
    "\n  mutation CreateRelease($input: CreateReleaseInput!) {\n    createRelease(input: $input) {\n      __typename\n      ... on CreateReleasePayload {\n        release {\n          id\n        }\n      }\n      ... on Error {\n        code\n        message\n      }\n    }\n  }\n": typeof types.CreateReleaseDocument,
    "\n  mutation StartRelease($input: StartReleaseInput!) {\n    startRelease(input: $input) {\n      __typename\n      ... on Error {\n        code\n        message\n      }\n    }\n  }\n": typeof types.StartReleaseDocument,
    "\n  mutation AbandonRelease($input: AbandonReleaseInput!) {\n    abandonRelease(input: $input) {\n      __typename\n      ... on Error {\n        code\n        message\n      }\n    }\n  }\n": typeof types.AbandonReleaseDocument,
    "\n  mutation DeployEnvironment($input: DeployEnvironmentInput!) {\n    deployEnvironment(input: $input) {\n      __typename\n      ... on Error {\n        code\n        message\n      }\n    }\n  }\n": typeof types.DeployEnvironmentDocument,
    "\n  mutation CancelDeployment($input: CancelDeploymentInput!) {\n    cancelDeployment(input: $input) {\n      __typename\n      ... on Error {\n        code\n        message\n      }\n    }\n  }\n": typeof types.CancelDeploymentDocument,
    "\n  mutation Approve($input: ApproveInput!) {\n    approve(input: $input) {\n      __typename\n      ... on ApprovePayload {\n        approval {\n          ...ApprovalFields\n        }\n      }\n      ... on Error {\n        code\n        message\n      }\n    }\n  }\n": typeof types.ApproveDocument,
    "\n  mutation Reject($input: RejectInput!) {\n    reject(input: $input) {\n      __typename\n      ... on RejectPayload {\n        approval {\n          ...ApprovalFields\n        }\n      }\n      ... on Error {\n        code\n        message\n      }\n    }\n  }\n": typeof types.RejectDocument,
    "\n  mutation ResumeIntervention($input: ResumeManualInterventionInput!) {\n    resumeManualIntervention(input: $input) {\n      __typename\n      ... on ResumeManualInterventionPayload {\n        manualIntervention {\n          ...InterventionFields\n        }\n      }\n      ... on Error {\n        code\n        message\n      }\n    }\n  }\n": typeof types.ResumeInterventionDocument,
    "\n  mutation RejectIntervention($input: RejectManualInterventionInput!) {\n    rejectManualIntervention(input: $input) {\n      __typename\n      ... on RejectManualInterventionPayload {\n        manualIntervention {\n          ...InterventionFields\n        }\n      }\n      ... on Error {\n        code\n        message\n      }\n    }\n  }\n": typeof types.RejectInterventionDocument,
    "\n  mutation RetryTask($input: RetryTaskInput!) {\n    retryTask(input: $input) {\n      __typename\n      ... on Error {\n        code\n        message\n      }\n    }\n  }\n": typeof types.RetryTaskDocument,
    "\n  mutation IgnoreTaskFailure($input: IgnoreTaskFailureInput!) {\n    ignoreTaskFailure(input: $input) {\n      __typename\n      ... on Error {\n        code\n        message\n      }\n    }\n  }\n": typeof types.IgnoreTaskFailureDocument,
    "\n  mutation FixAndContinue($input: FixAndContinueInput!) {\n    fixAndContinue(input: $input) {\n      __typename\n      ... on Error {\n        code\n        message\n      }\n    }\n  }\n": typeof types.FixAndContinueDocument,
};
const documents: Documents = {
    "\n  query Viewer {\n    viewer {\n      name\n      displayName\n      role\n      groups\n    }\n  }\n": types.ViewerDocument,
    "\n  fragment ReleaseRow on Release {\n    id\n    name\n    number\n    status\n    executionStatus\n    inputRequiredCount\n    createdBy\n    createdOn\n    definition {\n      id\n      name\n    }\n    progress {\n      done\n      total\n      percent\n    }\n    environments {\n      id\n      name\n      status\n    }\n  }\n": types.ReleaseRowFragmentDoc,
    "\n  query Releases($first: Int, $after: String, $filter: ReleaseFilter, $orderBy: ReleaseOrder!) {\n    releases(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          ...ReleaseRow\n        }\n      }\n    }\n  }\n": types.ReleasesDocument,
    "\n  subscription ReleasesUpdated($filter: ReleaseFilter, $first: Int!) {\n    releasesUpdated(filter: $filter, first: $first) {\n      ...ReleaseRow\n    }\n  }\n": types.ReleasesUpdatedDocument,
    "\n  query Definitions {\n    releaseDefinitions(first: 100) {\n      edges {\n        node {\n          id\n          name\n          revision\n          releaseCount\n          environments {\n            name\n            trigger\n            dependsOn\n            critical\n          }\n        }\n      }\n    }\n  }\n": types.DefinitionsDocument,
    "\n  fragment ApprovalFields on Approval {\n    id\n    stage\n    rank\n    approver\n    status\n    gateOverride\n    approvedBy\n    comment\n    createdOn\n    modifiedOn\n    timeoutAt\n    deferUntil\n    reassignedFrom\n    canApprove\n    environmentName\n    release {\n      id\n      name\n    }\n  }\n": types.ApprovalFieldsFragmentDoc,
    "\n  fragment InterventionFields on ManualIntervention {\n    id\n    kind\n    status\n    instructions\n    approvers\n    resolution\n    values {\n      name\n      value\n    }\n    actedBy\n    comment\n    createdOn\n    timeoutAt\n    canAct\n    task {\n      id\n      name\n      status\n      inputs {\n        name\n        value\n      }\n    }\n    release {\n      id\n      name\n    }\n  }\n": types.InterventionFieldsFragmentDoc,
    "\n  fragment AttemptFields on DeploymentAttempt {\n    id\n    attempt\n    environmentName\n    status\n    operationStatus\n    reason\n    requestedBy\n    lastModifiedBy\n    queuedOn\n    scheduledAt\n    deferredUntil\n    startedOn\n    completedOn\n    statusReason\n    preDeployApprovals {\n      ...ApprovalFields\n    }\n    postDeployApprovals {\n      ...ApprovalFields\n    }\n    gates {\n      id\n      stage\n      status\n      samples\n      nextSampleAt\n      timeoutAt\n      lastResults {\n        name\n        passed\n      }\n    }\n    phases {\n      id\n      name\n      rank\n      runOn\n      pool\n      status\n      agent\n      startedOn\n      completedOn\n      tasks {\n        id\n        name\n        kind\n        rank\n        status\n        carriedOver\n        logLineCount\n        startedOn\n        completedOn\n        runs {\n          id\n          number\n          status\n          agent\n          startedOn\n          completedOn\n          exitCode\n          error\n          attempt\n        }\n      }\n      manualInterventions {\n        ...InterventionFields\n      }\n    }\n  }\n": types.AttemptFieldsFragmentDoc,
    "\n  fragment ReleaseDetail on Release {\n    id\n    name\n    number\n    status\n    executionStatus\n    description\n    createdBy\n    createdOn\n    modifiedOn\n    scheduledStartTime\n    startedOn\n    completedOn\n    inputRequiredCount\n    variables {\n      name\n      value\n    }\n    artifacts {\n      name\n      value\n    }\n    definition {\n      id\n      name\n    }\n    progress {\n      done\n      total\n      percent\n    }\n    environments {\n      id\n      name\n      rank\n      status\n      skipped\n      nextScheduledTime\n      trigger\n      dependsOn\n      critical\n      latestAttempt {\n        id\n      }\n      attempts {\n        ...AttemptFields\n      }\n    }\n  }\n": types.ReleaseDetailFragmentDoc,
    "\n  query Release($id: ID!) {\n    release(id: $id) {\n      ...ReleaseDetail\n    }\n  }\n": types.ReleaseDocument,
    "\n  subscription ReleaseUpdated($id: ID!) {\n    releaseUpdated(id: $id) {\n      ...ReleaseDetail\n    }\n  }\n": types.ReleaseUpdatedDocument,
    "\n  query TaskInfo($id: ID!) {\n    node(id: $id) {\n      id\n      ... on Task {\n        name\n        kind\n        status\n        logLineCount\n        startedOn\n        completedOn\n      }\n    }\n  }\n": types.TaskInfoDocument,
    "\n  subscription TaskLog($taskId: ID!, $afterLine: Int!) {\n    taskLog(taskId: $taskId, afterLine: $afterLine) {\n      line\n      stream\n      text\n      at\n      runNumber\n    }\n  }\n": types.TaskLogDocument,
    "\n  subscription ReleaseEvents($releaseId: ID, $after: Int!) {\n    releaseEvents(releaseId: $releaseId, after: $after) {\n      seq\n      entity\n      entityId\n      kind\n      fromStatus\n      toStatus\n      fromOperationStatus\n      toOperationStatus\n      actor\n      at\n    }\n  }\n": types.ReleaseEventsDocument,
    "\n  subscription InputRequired {\n    inputRequired {\n      count\n      approvals {\n        ...ApprovalFields\n      }\n      manualInterventions {\n        ...InterventionFields\n      }\n    }\n  }\n": types.InputRequiredDocument,
    "\n  query Agents {\n    agents {\n      id\n      name\n      pool\n      status\n      enabled\n      remote\n      process\n      capacity\n      version\n      busy\n      lastSeen\n      capabilities {\n        name\n        value\n      }\n      currentPhase {\n        id\n        name\n        status\n      }\n    }\n  }\n": types.AgentsDocument,
    "\n  query ApprovalNode($id: ID!) {\n    node(id: $id) {\n      id\n      __typename\n      ... on Approval {\n        ...ApprovalFields\n      }\n    }\n  }\n": types.ApprovalNodeDocument,
    "\n  query InterventionNode($id: ID!) {\n    node(id: $id) {\n      id\n      __typename\n      ... on ManualIntervention {\n        ...InterventionFields\n      }\n    }\n  }\n": types.InterventionNodeDocument,
    "\n  mutation CreateRelease($input: CreateReleaseInput!) {\n    createRelease(input: $input) {\n      __typename\n      ... on CreateReleasePayload {\n        release {\n          id\n        }\n      }\n      ... on Error {\n        code\n        message\n      }\n    }\n  }\n": types.CreateReleaseDocument,
    "\n  mutation StartRelease($input: StartReleaseInput!) {\n    startRelease(input: $input) {\n      __typename\n      ... on Error {\n        code\n        message\n      }\n    }\n  }\n": types.StartReleaseDocument,
    "\n  mutation AbandonRelease($input: AbandonReleaseInput!) {\n    abandonRelease(input: $input) {\n      __typename\n      ... on Error {\n        code\n        message\n      }\n    }\n  }\n": types.AbandonReleaseDocument,
    "\n  mutation DeployEnvironment($input: DeployEnvironmentInput!) {\n    deployEnvironment(input: $input) {\n      __typename\n      ... on Error {\n        code\n        message\n      }\n    }\n  }\n": types.DeployEnvironmentDocument,
    "\n  mutation CancelDeployment($input: CancelDeploymentInput!) {\n    cancelDeployment(input: $input) {\n      __typename\n      ... on Error {\n        code\n        message\n      }\n    }\n  }\n": types.CancelDeploymentDocument,
    "\n  mutation Approve($input: ApproveInput!) {\n    approve(input: $input) {\n      __typename\n      ... on ApprovePayload {\n        approval {\n          ...ApprovalFields\n        }\n      }\n      ... on Error {\n        code\n        message\n      }\n    }\n  }\n": types.ApproveDocument,
    "\n  mutation Reject($input: RejectInput!) {\n    reject(input: $input) {\n      __typename\n      ... on RejectPayload {\n        approval {\n          ...ApprovalFields\n        }\n      }\n      ... on Error {\n        code\n        message\n      }\n    }\n  }\n": types.RejectDocument,
    "\n  mutation ResumeIntervention($input: ResumeManualInterventionInput!) {\n    resumeManualIntervention(input: $input) {\n      __typename\n      ... on ResumeManualInterventionPayload {\n        manualIntervention {\n          ...InterventionFields\n        }\n      }\n      ... on Error {\n        code\n        message\n      }\n    }\n  }\n": types.ResumeInterventionDocument,
    "\n  mutation RejectIntervention($input: RejectManualInterventionInput!) {\n    rejectManualIntervention(input: $input) {\n      __typename\n      ... on RejectManualInterventionPayload {\n        manualIntervention {\n          ...InterventionFields\n        }\n      }\n      ... on Error {\n        code\n        message\n      }\n    }\n  }\n": types.RejectInterventionDocument,
    "\n  mutation RetryTask($input: RetryTaskInput!) {\n    retryTask(input: $input) {\n      __typename\n      ... on Error {\n        code\n        message\n      }\n    }\n  }\n": types.RetryTaskDocument,
    "\n  mutation IgnoreTaskFailure($input: IgnoreTaskFailureInput!) {\n    ignoreTaskFailure(input: $input) {\n      __typename\n      ... on Error {\n        code\n        message\n      }\n    }\n  }\n": types.IgnoreTaskFailureDocument,
    "\n  mutation FixAndContinue($input: FixAndContinueInput!) {\n    fixAndContinue(input: $input) {\n      __typename\n      ... on Error {\n        code\n        message\n      }\n    }\n  }\n": types.FixAndContinueDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Viewer {\n    viewer {\n      name\n      displayName\n      role\n      groups\n    }\n  }\n"): (typeof documents)["\n  query Viewer {\n    viewer {\n      name\n      displayName\n      role\n      groups\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ReleaseRow on Release {\n    id\n    name\n    number\n    status\n    executionStatus\n    inputRequiredCount\n    createdBy\n    createdOn\n    definition {\n      id\n      name\n    }\n    progress {\n      done\n      total\n      percent\n    }\n    environments {\n      id\n      name\n      status\n    }\n  }\n"): (typeof documents)["\n  fragment ReleaseRow on Release {\n    id\n    name\n    number\n    status\n    executionStatus\n    inputRequiredCount\n    createdBy\n    createdOn\n    definition {\n      id\n      name\n    }\n    progress {\n      done\n      total\n      percent\n    }\n    environments {\n      id\n      name\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Releases($first: Int, $after: String, $filter: ReleaseFilter, $orderBy: ReleaseOrder!) {\n    releases(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          ...ReleaseRow\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Releases($first: Int, $after: String, $filter: ReleaseFilter, $orderBy: ReleaseOrder!) {\n    releases(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          ...ReleaseRow\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ReleasesUpdated($filter: ReleaseFilter, $first: Int!) {\n    releasesUpdated(filter: $filter, first: $first) {\n      ...ReleaseRow\n    }\n  }\n"): (typeof documents)["\n  subscription ReleasesUpdated($filter: ReleaseFilter, $first: Int!) {\n    releasesUpdated(filter: $filter, first: $first) {\n      ...ReleaseRow\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Definitions {\n    releaseDefinitions(first: 100) {\n      edges {\n        node {\n          id\n          name\n          revision\n          releaseCount\n          environments {\n            name\n            trigger\n            dependsOn\n            critical\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Definitions {\n    releaseDefinitions(first: 100) {\n      edges {\n        node {\n          id\n          name\n          revision\n          releaseCount\n          environments {\n            name\n            trigger\n            dependsOn\n            critical\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ApprovalFields on Approval {\n    id\n    stage\n    rank\n    approver\n    status\n    gateOverride\n    approvedBy\n    comment\n    createdOn\n    modifiedOn\n    timeoutAt\n    deferUntil\n    reassignedFrom\n    canApprove\n    environmentName\n    release {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  fragment ApprovalFields on Approval {\n    id\n    stage\n    rank\n    approver\n    status\n    gateOverride\n    approvedBy\n    comment\n    createdOn\n    modifiedOn\n    timeoutAt\n    deferUntil\n    reassignedFrom\n    canApprove\n    environmentName\n    release {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment InterventionFields on ManualIntervention {\n    id\n    kind\n    status\n    instructions\n    approvers\n    resolution\n    values {\n      name\n      value\n    }\n    actedBy\n    comment\n    createdOn\n    timeoutAt\n    canAct\n    task {\n      id\n      name\n      status\n      inputs {\n        name\n        value\n      }\n    }\n    release {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  fragment InterventionFields on ManualIntervention {\n    id\n    kind\n    status\n    instructions\n    approvers\n    resolution\n    values {\n      name\n      value\n    }\n    actedBy\n    comment\n    createdOn\n    timeoutAt\n    canAct\n    task {\n      id\n      name\n      status\n      inputs {\n        name\n        value\n      }\n    }\n    release {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AttemptFields on DeploymentAttempt {\n    id\n    attempt\n    environmentName\n    status\n    operationStatus\n    reason\n    requestedBy\n    lastModifiedBy\n    queuedOn\n    scheduledAt\n    deferredUntil\n    startedOn\n    completedOn\n    statusReason\n    preDeployApprovals {\n      ...ApprovalFields\n    }\n    postDeployApprovals {\n      ...ApprovalFields\n    }\n    gates {\n      id\n      stage\n      status\n      samples\n      nextSampleAt\n      timeoutAt\n      lastResults {\n        name\n        passed\n      }\n    }\n    phases {\n      id\n      name\n      rank\n      runOn\n      pool\n      status\n      agent\n      startedOn\n      completedOn\n      tasks {\n        id\n        name\n        kind\n        rank\n        status\n        carriedOver\n        logLineCount\n        startedOn\n        completedOn\n        runs {\n          id\n          number\n          status\n          agent\n          startedOn\n          completedOn\n          exitCode\n          error\n          attempt\n        }\n      }\n      manualInterventions {\n        ...InterventionFields\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment AttemptFields on DeploymentAttempt {\n    id\n    attempt\n    environmentName\n    status\n    operationStatus\n    reason\n    requestedBy\n    lastModifiedBy\n    queuedOn\n    scheduledAt\n    deferredUntil\n    startedOn\n    completedOn\n    statusReason\n    preDeployApprovals {\n      ...ApprovalFields\n    }\n    postDeployApprovals {\n      ...ApprovalFields\n    }\n    gates {\n      id\n      stage\n      status\n      samples\n      nextSampleAt\n      timeoutAt\n      lastResults {\n        name\n        passed\n      }\n    }\n    phases {\n      id\n      name\n      rank\n      runOn\n      pool\n      status\n      agent\n      startedOn\n      completedOn\n      tasks {\n        id\n        name\n        kind\n        rank\n        status\n        carriedOver\n        logLineCount\n        startedOn\n        completedOn\n        runs {\n          id\n          number\n          status\n          agent\n          startedOn\n          completedOn\n          exitCode\n          error\n          attempt\n        }\n      }\n      manualInterventions {\n        ...InterventionFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ReleaseDetail on Release {\n    id\n    name\n    number\n    status\n    executionStatus\n    description\n    createdBy\n    createdOn\n    modifiedOn\n    scheduledStartTime\n    startedOn\n    completedOn\n    inputRequiredCount\n    variables {\n      name\n      value\n    }\n    artifacts {\n      name\n      value\n    }\n    definition {\n      id\n      name\n    }\n    progress {\n      done\n      total\n      percent\n    }\n    environments {\n      id\n      name\n      rank\n      status\n      skipped\n      nextScheduledTime\n      trigger\n      dependsOn\n      critical\n      latestAttempt {\n        id\n      }\n      attempts {\n        ...AttemptFields\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment ReleaseDetail on Release {\n    id\n    name\n    number\n    status\n    executionStatus\n    description\n    createdBy\n    createdOn\n    modifiedOn\n    scheduledStartTime\n    startedOn\n    completedOn\n    inputRequiredCount\n    variables {\n      name\n      value\n    }\n    artifacts {\n      name\n      value\n    }\n    definition {\n      id\n      name\n    }\n    progress {\n      done\n      total\n      percent\n    }\n    environments {\n      id\n      name\n      rank\n      status\n      skipped\n      nextScheduledTime\n      trigger\n      dependsOn\n      critical\n      latestAttempt {\n        id\n      }\n      attempts {\n        ...AttemptFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Release($id: ID!) {\n    release(id: $id) {\n      ...ReleaseDetail\n    }\n  }\n"): (typeof documents)["\n  query Release($id: ID!) {\n    release(id: $id) {\n      ...ReleaseDetail\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ReleaseUpdated($id: ID!) {\n    releaseUpdated(id: $id) {\n      ...ReleaseDetail\n    }\n  }\n"): (typeof documents)["\n  subscription ReleaseUpdated($id: ID!) {\n    releaseUpdated(id: $id) {\n      ...ReleaseDetail\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TaskInfo($id: ID!) {\n    node(id: $id) {\n      id\n      ... on Task {\n        name\n        kind\n        status\n        logLineCount\n        startedOn\n        completedOn\n      }\n    }\n  }\n"): (typeof documents)["\n  query TaskInfo($id: ID!) {\n    node(id: $id) {\n      id\n      ... on Task {\n        name\n        kind\n        status\n        logLineCount\n        startedOn\n        completedOn\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription TaskLog($taskId: ID!, $afterLine: Int!) {\n    taskLog(taskId: $taskId, afterLine: $afterLine) {\n      line\n      stream\n      text\n      at\n      runNumber\n    }\n  }\n"): (typeof documents)["\n  subscription TaskLog($taskId: ID!, $afterLine: Int!) {\n    taskLog(taskId: $taskId, afterLine: $afterLine) {\n      line\n      stream\n      text\n      at\n      runNumber\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ReleaseEvents($releaseId: ID, $after: Int!) {\n    releaseEvents(releaseId: $releaseId, after: $after) {\n      seq\n      entity\n      entityId\n      kind\n      fromStatus\n      toStatus\n      fromOperationStatus\n      toOperationStatus\n      actor\n      at\n    }\n  }\n"): (typeof documents)["\n  subscription ReleaseEvents($releaseId: ID, $after: Int!) {\n    releaseEvents(releaseId: $releaseId, after: $after) {\n      seq\n      entity\n      entityId\n      kind\n      fromStatus\n      toStatus\n      fromOperationStatus\n      toOperationStatus\n      actor\n      at\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription InputRequired {\n    inputRequired {\n      count\n      approvals {\n        ...ApprovalFields\n      }\n      manualInterventions {\n        ...InterventionFields\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription InputRequired {\n    inputRequired {\n      count\n      approvals {\n        ...ApprovalFields\n      }\n      manualInterventions {\n        ...InterventionFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Agents {\n    agents {\n      id\n      name\n      pool\n      status\n      enabled\n      remote\n      process\n      capacity\n      version\n      busy\n      lastSeen\n      capabilities {\n        name\n        value\n      }\n      currentPhase {\n        id\n        name\n        status\n      }\n    }\n  }\n"): (typeof documents)["\n  query Agents {\n    agents {\n      id\n      name\n      pool\n      status\n      enabled\n      remote\n      process\n      capacity\n      version\n      busy\n      lastSeen\n      capabilities {\n        name\n        value\n      }\n      currentPhase {\n        id\n        name\n        status\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApprovalNode($id: ID!) {\n    node(id: $id) {\n      id\n      __typename\n      ... on Approval {\n        ...ApprovalFields\n      }\n    }\n  }\n"): (typeof documents)["\n  query ApprovalNode($id: ID!) {\n    node(id: $id) {\n      id\n      __typename\n      ... on Approval {\n        ...ApprovalFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query InterventionNode($id: ID!) {\n    node(id: $id) {\n      id\n      __typename\n      ... on ManualIntervention {\n        ...InterventionFields\n      }\n    }\n  }\n"): (typeof documents)["\n  query InterventionNode($id: ID!) {\n    node(id: $id) {\n      id\n      __typename\n      ... on ManualIntervention {\n        ...InterventionFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateRelease($input: CreateReleaseInput!) {\n    createRelease(input: $input) {\n      __typename\n      ... on CreateReleasePayload {\n        release {\n          id\n        }\n      }\n      ... on Error {\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateRelease($input: CreateReleaseInput!) {\n    createRelease(input: $input) {\n      __typename\n      ... on CreateReleasePayload {\n        release {\n          id\n        }\n      }\n      ... on Error {\n        code\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StartRelease($input: StartReleaseInput!) {\n    startRelease(input: $input) {\n      __typename\n      ... on Error {\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation StartRelease($input: StartReleaseInput!) {\n    startRelease(input: $input) {\n      __typename\n      ... on Error {\n        code\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AbandonRelease($input: AbandonReleaseInput!) {\n    abandonRelease(input: $input) {\n      __typename\n      ... on Error {\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation AbandonRelease($input: AbandonReleaseInput!) {\n    abandonRelease(input: $input) {\n      __typename\n      ... on Error {\n        code\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeployEnvironment($input: DeployEnvironmentInput!) {\n    deployEnvironment(input: $input) {\n      __typename\n      ... on Error {\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation DeployEnvironment($input: DeployEnvironmentInput!) {\n    deployEnvironment(input: $input) {\n      __typename\n      ... on Error {\n        code\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CancelDeployment($input: CancelDeploymentInput!) {\n    cancelDeployment(input: $input) {\n      __typename\n      ... on Error {\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CancelDeployment($input: CancelDeploymentInput!) {\n    cancelDeployment(input: $input) {\n      __typename\n      ... on Error {\n        code\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Approve($input: ApproveInput!) {\n    approve(input: $input) {\n      __typename\n      ... on ApprovePayload {\n        approval {\n          ...ApprovalFields\n        }\n      }\n      ... on Error {\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation Approve($input: ApproveInput!) {\n    approve(input: $input) {\n      __typename\n      ... on ApprovePayload {\n        approval {\n          ...ApprovalFields\n        }\n      }\n      ... on Error {\n        code\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Reject($input: RejectInput!) {\n    reject(input: $input) {\n      __typename\n      ... on RejectPayload {\n        approval {\n          ...ApprovalFields\n        }\n      }\n      ... on Error {\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation Reject($input: RejectInput!) {\n    reject(input: $input) {\n      __typename\n      ... on RejectPayload {\n        approval {\n          ...ApprovalFields\n        }\n      }\n      ... on Error {\n        code\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResumeIntervention($input: ResumeManualInterventionInput!) {\n    resumeManualIntervention(input: $input) {\n      __typename\n      ... on ResumeManualInterventionPayload {\n        manualIntervention {\n          ...InterventionFields\n        }\n      }\n      ... on Error {\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ResumeIntervention($input: ResumeManualInterventionInput!) {\n    resumeManualIntervention(input: $input) {\n      __typename\n      ... on ResumeManualInterventionPayload {\n        manualIntervention {\n          ...InterventionFields\n        }\n      }\n      ... on Error {\n        code\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RejectIntervention($input: RejectManualInterventionInput!) {\n    rejectManualIntervention(input: $input) {\n      __typename\n      ... on RejectManualInterventionPayload {\n        manualIntervention {\n          ...InterventionFields\n        }\n      }\n      ... on Error {\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation RejectIntervention($input: RejectManualInterventionInput!) {\n    rejectManualIntervention(input: $input) {\n      __typename\n      ... on RejectManualInterventionPayload {\n        manualIntervention {\n          ...InterventionFields\n        }\n      }\n      ... on Error {\n        code\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RetryTask($input: RetryTaskInput!) {\n    retryTask(input: $input) {\n      __typename\n      ... on Error {\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation RetryTask($input: RetryTaskInput!) {\n    retryTask(input: $input) {\n      __typename\n      ... on Error {\n        code\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation IgnoreTaskFailure($input: IgnoreTaskFailureInput!) {\n    ignoreTaskFailure(input: $input) {\n      __typename\n      ... on Error {\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation IgnoreTaskFailure($input: IgnoreTaskFailureInput!) {\n    ignoreTaskFailure(input: $input) {\n      __typename\n      ... on Error {\n        code\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation FixAndContinue($input: FixAndContinueInput!) {\n    fixAndContinue(input: $input) {\n      __typename\n      ... on Error {\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation FixAndContinue($input: FixAndContinueInput!) {\n    fixAndContinue(input: $input) {\n      __typename\n      ... on Error {\n        code\n        message\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;