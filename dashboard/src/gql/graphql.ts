/* eslint-disable */
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** Date with time (isoformat), with its offset from UTC (Z or +hh:mm) */
  DateTime: { input: string; output: string; }
  /** The `JSON` scalar type represents JSON values as specified by [ECMA-404](https://ecma-international.org/wp-content/uploads/ECMA-404_2nd_edition_december_2017.pdf). */
  JSON: { input: unknown; output: unknown; }
};

/** Cancel everything still going on; an abandoned release is final. */
export type AbandonReleaseInput = {
  comment?: Scalars['String']['input'];
  releaseId: Scalars['ID']['input'];
};

export type AbandonReleasePayload = {
  __typename?: 'AbandonReleasePayload';
  release: Release;
};

export type AbandonReleaseResult = AbandonReleasePayload | InvalidTransitionError | NotFoundError | PermissionDeniedError | ValidationError;

export type Agent = Node & {
  __typename?: 'Agent';
  /** Whether it runs a phase now. */
  busy: Scalars['Boolean']['output'];
  /** What it offers, matched against a phase's `demands`. */
  capabilities: Array<AgentCapability>;
  /** Slots of its process. */
  capacity: Scalars['Int']['output'];
  /** The phase it runs now. */
  currentPhase?: Maybe<ReleaseDeployPhase>;
  /** A disabled agent finishes its current phase and takes no other. */
  enabled: Scalars['Boolean']['output'];
  /** The Globally Unique ID of this object */
  id: Scalars['ID']['output'];
  lastSeen?: Maybe<Scalars['DateTime']['output']>;
  name: Scalars['String']['output'];
  pool: Scalars['String']['output'];
  /** The name of the agent process the slot belongs to (remote agents). */
  process?: Maybe<Scalars['String']['output']>;
  /** A slot of a `releasegraph agent` process; else a local agent of a server. */
  remote: Scalars['Boolean']['output'];
  /** Its writes refused with STALE_LEASE: sent after its lease was lost. */
  staleRefusals: Scalars['Int']['output'];
  status: AgentStatus;
  version?: Maybe<Scalars['String']['output']>;
};

export type AgentCapability = {
  __typename?: 'AgentCapability';
  name: Scalars['String']['output'];
  value: Scalars['String']['output'];
};

export type AgentCapabilityInput = {
  name: Scalars['String']['input'];
  value: Scalars['String']['input'];
};

/** A claimed run of a script or http task. */
export type AgentJob = {
  __typename?: 'AgentJob';
  environment: Array<JobVariable>;
  kind: Scalars['String']['output'];
  leaseSeconds: Scalars['Float']['output'];
  method: Scalars['String']['output'];
  runId: Scalars['ID']['output'];
  script?: Maybe<Scalars['String']['output']>;
  taskName: Scalars['String']['output'];
  /** Fences every later write about this claim. */
  token: Scalars['String']['output'];
  url?: Maybe<Scalars['String']['output']>;
};

export type AgentStatus =
  | 'OFFLINE'
  | 'ONLINE';

/** Lines of a run's output, numbered from 0 per run. */
export type AppendJobLogInput = {
  /** The number of the batch's first line; a batch sent again is stored once. */
  firstLine: Scalars['Int']['input'];
  lines: Array<JobLogLineInput>;
  runId: Scalars['ID']['input'];
  token: Scalars['String']['input'];
};

export type AppendJobLogPayload = {
  __typename?: 'AppendJobLogPayload';
  /** The number of the next line to send. */
  nextLine: Scalars['Int']['output'];
};

export type AppendJobLogResult = AppendJobLogPayload | NotFoundError | PermissionDeniedError | StaleLeaseError | ValidationError;

export type Approval = Node & {
  __typename?: 'Approval';
  approvedBy?: Maybe<Scalars['String']['output']>;
  approver: Scalars['String']['output'];
  /** Whether the viewer may answer this approval now. */
  canApprove: Scalars['Boolean']['output'];
  comment: Scalars['String']['output'];
  createdOn: Scalars['DateTime']['output'];
  deferUntil?: Maybe<Scalars['DateTime']['output']>;
  environmentName: Scalars['String']['output'];
  gateOverride: Scalars['Boolean']['output'];
  /** The Globally Unique ID of this object */
  id: Scalars['ID']['output'];
  modifiedOn: Scalars['DateTime']['output'];
  rank: Scalars['Int']['output'];
  reassignedFrom?: Maybe<Scalars['String']['output']>;
  release: Release;
  stage: ApprovalStage;
  status: ApprovalStatus;
  timeoutAt?: Maybe<Scalars['DateTime']['output']>;
};

/** Approvals matching every field given; a list matches any value. */
export type ApprovalFilter = {
  /** Only those the viewer may answer now (see `canApprove`). */
  forViewer?: Scalars['Boolean']['input'];
  /** Only PENDING ones. */
  pendingOnly?: Scalars['Boolean']['input'];
  releaseId?: InputMaybe<Scalars['ID']['input']>;
  status?: InputMaybe<Array<ApprovalStatus>>;
};

export type ApprovalStage =
  | 'POST_DEPLOY'
  | 'PRE_DEPLOY';

export type ApprovalStatus =
  | 'APPROVED'
  | 'CANCELED'
  | 'DEFERRED'
  | 'PENDING'
  | 'REASSIGNED'
  | 'REJECTED'
  | 'SKIPPED'
  | 'TIMED_OUT';

export type ApproveInput = {
  approvalId: Scalars['ID']['input'];
  comment?: Scalars['String']['input'];
  /** Approve, but deploy no earlier than this (pre-deploy only). */
  deferUntil?: InputMaybe<Scalars['DateTime']['input']>;
};

export type ApprovePayload = {
  __typename?: 'ApprovePayload';
  approval: Approval;
  release: Release;
};

export type ApproveResult = ApprovePayload | ConflictError | InvalidTransitionError | NotFoundError | PermissionDeniedError | ValidationError;

/** Cancel the environment's deployment under way. */
export type CancelDeploymentInput = {
  comment?: Scalars['String']['input'];
  environmentId: Scalars['ID']['input'];
};

export type CancelDeploymentPayload = {
  __typename?: 'CancelDeploymentPayload';
  environment: ReleaseEnvironment;
  release: Release;
};

export type CancelDeploymentResult = CancelDeploymentPayload | InvalidTransitionError | NotFoundError | PermissionDeniedError | ValidationError;

/** Wait for the next run offered to a slot, and claim it. */
export type ClaimJobInput = {
  /** The slot's name, as registerAgent gave it. */
  agent: Scalars['String']['input'];
  /** How long to hold the request for work; at most 60. */
  waitSeconds?: Scalars['Float']['input'];
};

export type ClaimJobPayload = {
  __typename?: 'ClaimJobPayload';
  /** None when no work came in time. */
  job?: Maybe<AgentJob>;
};

export type ClaimJobResult = ClaimJobPayload | NotFoundError | PermissionDeniedError | ValidationError;

export type ConflictError = Error & {
  __typename?: 'ConflictError';
  code: ErrorCode;
  message: Scalars['String']['output'];
};

export type CreateReleaseDefinitionInput = {
  /** The definition, as YAML or JSON. */
  source: Scalars['String']['input'];
};

export type CreateReleaseDefinitionPayload = {
  __typename?: 'CreateReleaseDefinitionPayload';
  definition: ReleaseDefinition;
};

export type CreateReleaseDefinitionResult = ConflictError | CreateReleaseDefinitionPayload | PermissionDeniedError | ValidationError;

export type CreateReleaseInput = {
  artifacts?: InputMaybe<Array<KeyValueInput>>;
  definitionId: Scalars['ID']['input'];
  description?: Scalars['String']['input'];
  /** Start by itself at this time (the release stays a draft). */
  scheduledStartTime?: InputMaybe<Scalars['DateTime']['input']>;
  /** Start at once; else a draft. */
  start?: Scalars['Boolean']['input'];
  /** Overrides of the definition's variables. */
  variables?: InputMaybe<Array<KeyValueInput>>;
};

export type CreateReleasePayload = {
  __typename?: 'CreateReleasePayload';
  release: Release;
};

export type CreateReleaseResult = CreateReleasePayload | NotFoundError | PermissionDeniedError | ValidationError;

export type DefinitionEnvironment = {
  __typename?: 'DefinitionEnvironment';
  critical: Scalars['Boolean']['output'];
  dependsOn: Array<Scalars['String']['output']>;
  name: Scalars['String']['output'];
  trigger: EnvironmentTrigger;
};

/** Deploy an environment, or redeploy one whose deployment ended. */
export type DeployEnvironmentInput = {
  environmentId: Scalars['ID']['input'];
  /** Deploy at this time instead of now; must be in the future. */
  scheduledAt?: InputMaybe<Scalars['DateTime']['input']>;
};

export type DeployEnvironmentPayload = {
  __typename?: 'DeployEnvironmentPayload';
  /** The attempt this deploy created, now the environment's latest. */
  attempt: DeploymentAttempt;
  environment: ReleaseEnvironment;
  release: Release;
};

export type DeployEnvironmentResult = DeployEnvironmentPayload | InvalidTransitionError | NotFoundError | PermissionDeniedError | ValidationError;

export type DeployPhaseStatus =
  | 'CANCELED'
  | 'CANCELLING'
  | 'FAILED'
  | 'IN_PROGRESS'
  | 'NOT_STARTED'
  | 'PARTIALLY_SUCCEEDED'
  | 'SKIPPED'
  | 'SUCCEEDED';

export type DeploymentAttempt = Node & {
  __typename?: 'DeploymentAttempt';
  attempt: Scalars['Int']['output'];
  completedOn?: Maybe<Scalars['DateTime']['output']>;
  deferredUntil?: Maybe<Scalars['DateTime']['output']>;
  environmentName: Scalars['String']['output'];
  gates: Array<Gate>;
  /** The Globally Unique ID of this object */
  id: Scalars['ID']['output'];
  lastModifiedBy: Scalars['String']['output'];
  operationStatus: DeploymentOperationStatus;
  phases: Array<ReleaseDeployPhase>;
  postDeployApprovals: Array<Approval>;
  preDeployApprovals: Array<Approval>;
  queuedOn: Scalars['DateTime']['output'];
  reason: DeploymentReason;
  requestedBy: Scalars['String']['output'];
  scheduledAt?: Maybe<Scalars['DateTime']['output']>;
  startedOn?: Maybe<Scalars['DateTime']['output']>;
  status: DeploymentStatus;
  /** Why it waits, in words, where its status cannot say: e.g. that no online agent of the phase's pool meets its demands. */
  statusReason?: Maybe<Scalars['String']['output']>;
};

export type DeploymentOperationStatus =
  | 'APPROVED'
  | 'CANCELED'
  | 'CANCELLING'
  | 'DEFERRED'
  | 'EVALUATING_GATES'
  | 'GATES_FAILED'
  | 'MANUAL_INTERVENTION_PENDING'
  | 'PENDING'
  | 'PHASE_FAILED'
  | 'PHASE_IN_PROGRESS'
  | 'PHASE_PARTIALLY_SUCCEEDED'
  | 'PHASE_SUCCEEDED'
  | 'QUEUED'
  | 'QUEUED_FOR_AGENT'
  | 'QUEUED_FOR_PIPELINE'
  | 'REJECTED'
  | 'SCHEDULED';

export type DeploymentReason =
  | 'AUTOMATED'
  | 'MANUAL'
  | 'REDEPLOY'
  | 'RETRY'
  | 'SCHEDULED';

export type DeploymentStatus =
  | 'FAILED'
  | 'IN_PROGRESS'
  | 'NOT_DEPLOYED'
  | 'PARTIALLY_SUCCEEDED'
  | 'SUCCEEDED';

/** What the viewer may do to an environment now. */
export type EnvironmentActions = {
  __typename?: 'EnvironmentActions';
  /** Cancel its deployment under way. */
  cancel: Scalars['Boolean']['output'];
  /** Deploy it, or deploy it again. */
  deploy: Scalars['Boolean']['output'];
};

export type EnvironmentStatus =
  | 'CANCELED'
  | 'FAILED'
  | 'IN_PROGRESS'
  | 'NOT_STARTED'
  | 'PARTIALLY_SUCCEEDED'
  | 'QUEUED'
  | 'REJECTED'
  | 'SCHEDULED'
  | 'SUCCEEDED';

export type EnvironmentTrigger =
  | 'AFTER_DEPENDENCIES'
  | 'AFTER_RELEASE'
  | 'MANUAL';

export type Error = {
  code: ErrorCode;
  message: Scalars['String']['output'];
};

export type ErrorCode =
  | 'CONFLICT'
  | 'INVALID_TRANSITION'
  | 'NOT_FOUND'
  | 'PERMISSION_DENIED'
  | 'STALE_LEASE'
  | 'VALIDATION_FAILED';

/** One state change of a release. */
export type Event = {
  __typename?: 'Event';
  actor: Scalars['String']['output'];
  at: Scalars['DateTime']['output'];
  data: Scalars['JSON']['output'];
  /** The table of the row that changed. */
  entity: Scalars['String']['output'];
  /** The global id of the node that changed. */
  entityId: Scalars['ID']['output'];
  fromOperationStatus?: Maybe<Scalars['String']['output']>;
  fromStatus?: Maybe<Scalars['String']['output']>;
  kind: Scalars['String']['output'];
  release: Release;
  seq: Scalars['Int']['output'];
  toOperationStatus?: Maybe<Scalars['String']['output']>;
  toStatus?: Maybe<Scalars['String']['output']>;
};

/** Run a failed task that waits for a decision again, with changed values. */
export type FixAndContinueInput = {
  /** New values of the task's declared inputs. */
  inputs?: InputMaybe<Array<KeyValueInput>>;
  taskId: Scalars['ID']['input'];
  /** Release variables to add or change. */
  variables?: InputMaybe<Array<KeyValueInput>>;
};

export type FixAndContinuePayload = {
  __typename?: 'FixAndContinuePayload';
  release: Release;
  task: Task;
};

export type FixAndContinueResult = FixAndContinuePayload | InvalidTransitionError | NotFoundError | PermissionDeniedError | ValidationError;

export type Gate = Node & {
  __typename?: 'Gate';
  completedOn?: Maybe<Scalars['DateTime']['output']>;
  /** The Globally Unique ID of this object */
  id: Scalars['ID']['output'];
  lastResults: Array<GateCheckResult>;
  nextSampleAt?: Maybe<Scalars['DateTime']['output']>;
  samples: Scalars['Int']['output'];
  stage: ApprovalStage;
  startedOn?: Maybe<Scalars['DateTime']['output']>;
  status: GateStatus;
  succeedingSince?: Maybe<Scalars['DateTime']['output']>;
  timeoutAt?: Maybe<Scalars['DateTime']['output']>;
};

export type GateCheckResult = {
  __typename?: 'GateCheckResult';
  name: Scalars['String']['output'];
  passed: Scalars['Boolean']['output'];
};

export type GateStatus =
  | 'CANCELED'
  | 'FAILED'
  | 'IN_PROGRESS'
  | 'PENDING'
  | 'SUCCEEDED';

/** Mark a failed task that waits for a decision IGNORED and go on; its phase then ends partially succeeded. */
export type IgnoreTaskFailureInput = {
  taskId: Scalars['ID']['input'];
};

export type IgnoreTaskFailurePayload = {
  __typename?: 'IgnoreTaskFailurePayload';
  release: Release;
  task: Task;
};

export type IgnoreTaskFailureResult = IgnoreTaskFailurePayload | InvalidTransitionError | NotFoundError | PermissionDeniedError | ValidationError;

/** What the viewer may act on now. */
export type InputRequired = {
  __typename?: 'InputRequired';
  approvals: Array<Approval>;
  count: Scalars['Int']['output'];
  manualInterventions: Array<ManualIntervention>;
};

export type InvalidTransitionError = Error & {
  __typename?: 'InvalidTransitionError';
  code: ErrorCode;
  currentStatus: Scalars['String']['output'];
  message: Scalars['String']['output'];
};

export type JobLogLineInput = {
  stream?: Scalars['String']['input'];
  text: Scalars['String']['input'];
};

export type JobVariable = {
  __typename?: 'JobVariable';
  name: Scalars['String']['output'];
  value: Scalars['String']['output'];
};

export type KeyValue = {
  __typename?: 'KeyValue';
  name: Scalars['String']['output'];
  value: Scalars['String']['output'];
};

export type KeyValueInput = {
  name: Scalars['String']['input'];
  value: Scalars['String']['input'];
};

export type LogLine = {
  __typename?: 'LogLine';
  at: Scalars['DateTime']['output'];
  line: Scalars['Int']['output'];
  runNumber?: Maybe<Scalars['Int']['output']>;
  stream: Scalars['String']['output'];
  text: Scalars['String']['output'];
};

export type ManualIntervention = Node & {
  __typename?: 'ManualIntervention';
  actedBy?: Maybe<Scalars['String']['output']>;
  approvers: Array<Scalars['String']['output']>;
  /** Whether the viewer may answer this intervention now. */
  canAct: Scalars['Boolean']['output'];
  comment: Scalars['String']['output'];
  createdOn: Scalars['DateTime']['output'];
  /** The Globally Unique ID of this object */
  id: Scalars['ID']['output'];
  instructions: Scalars['String']['output'];
  kind: ManualInterventionKind;
  modifiedOn: Scalars['DateTime']['output'];
  release: Release;
  resolution?: Maybe<Scalars['String']['output']>;
  status: ManualInterventionStatus;
  task: Task;
  timeoutAt?: Maybe<Scalars['DateTime']['output']>;
  values: Array<KeyValue>;
};

/** Manual interventions matching every field given; a list matches any value. */
export type ManualInterventionFilter = {
  /** Only those the viewer may answer now (see `canAct`). */
  forViewer?: Scalars['Boolean']['input'];
  /** Only PENDING ones. */
  pendingOnly?: Scalars['Boolean']['input'];
  releaseId?: InputMaybe<Scalars['ID']['input']>;
  status?: InputMaybe<Array<ManualInterventionStatus>>;
};

export type ManualInterventionKind =
  | 'FAILURE'
  | 'TASK';

export type ManualInterventionStatus =
  | 'APPROVED'
  | 'CANCELED'
  | 'PENDING'
  | 'REJECTED'
  | 'TIMED_OUT';

export type Mutation = {
  __typename?: 'Mutation';
  abandonRelease: AbandonReleaseResult;
  appendJobLog: AppendJobLogResult;
  approve: ApproveResult;
  cancelDeployment: CancelDeploymentResult;
  claimJob: ClaimJobResult;
  createRelease: CreateReleaseResult;
  createReleaseDefinition: CreateReleaseDefinitionResult;
  deployEnvironment: DeployEnvironmentResult;
  fixAndContinue: FixAndContinueResult;
  ignoreTaskFailure: IgnoreTaskFailureResult;
  reassignApproval: ReassignApprovalResult;
  registerAgent: RegisterAgentResult;
  reject: RejectResult;
  rejectManualIntervention: RejectManualInterventionResult;
  renewJobLease: RenewJobLeaseResult;
  reportJob: ReportJobResult;
  resumeManualIntervention: ResumeManualInterventionResult;
  retryTask: RetryTaskResult;
  scheduleRelease: ScheduleReleaseResult;
  startRelease: StartReleaseResult;
  updateAgent: UpdateAgentResult;
  updateDraftRelease: UpdateDraftReleaseResult;
  updateReleaseDefinition: UpdateReleaseDefinitionResult;
};


export type MutationAbandonReleaseArgs = {
  input: AbandonReleaseInput;
};


export type MutationAppendJobLogArgs = {
  input: AppendJobLogInput;
};


export type MutationApproveArgs = {
  input: ApproveInput;
};


export type MutationCancelDeploymentArgs = {
  input: CancelDeploymentInput;
};


export type MutationClaimJobArgs = {
  input: ClaimJobInput;
};


export type MutationCreateReleaseArgs = {
  input: CreateReleaseInput;
};


export type MutationCreateReleaseDefinitionArgs = {
  input: CreateReleaseDefinitionInput;
};


export type MutationDeployEnvironmentArgs = {
  input: DeployEnvironmentInput;
};


export type MutationFixAndContinueArgs = {
  input: FixAndContinueInput;
};


export type MutationIgnoreTaskFailureArgs = {
  input: IgnoreTaskFailureInput;
};


export type MutationReassignApprovalArgs = {
  input: ReassignApprovalInput;
};


export type MutationRegisterAgentArgs = {
  input: RegisterAgentInput;
};


export type MutationRejectArgs = {
  input: RejectInput;
};


export type MutationRejectManualInterventionArgs = {
  input: RejectManualInterventionInput;
};


export type MutationRenewJobLeaseArgs = {
  input: RenewJobLeaseInput;
};


export type MutationReportJobArgs = {
  input: ReportJobInput;
};


export type MutationResumeManualInterventionArgs = {
  input: ResumeManualInterventionInput;
};


export type MutationRetryTaskArgs = {
  input: RetryTaskInput;
};


export type MutationScheduleReleaseArgs = {
  input: ScheduleReleaseInput;
};


export type MutationStartReleaseArgs = {
  input: StartReleaseInput;
};


export type MutationUpdateAgentArgs = {
  input: UpdateAgentInput;
};


export type MutationUpdateDraftReleaseArgs = {
  input: UpdateDraftReleaseInput;
};


export type MutationUpdateReleaseDefinitionArgs = {
  input: UpdateReleaseDefinitionInput;
};

/** An object with a Globally Unique ID */
export type Node = {
  /** The Globally Unique ID of this object */
  id: Scalars['ID']['output'];
};

export type NotFoundError = Error & {
  __typename?: 'NotFoundError';
  code: ErrorCode;
  entity: Scalars['String']['output'];
  entityId: Scalars['String']['output'];
  message: Scalars['String']['output'];
};

/** Information to aid in pagination. */
export type PageInfo = {
  __typename?: 'PageInfo';
  /** When paginating forwards, the cursor to continue. */
  endCursor?: Maybe<Scalars['String']['output']>;
  /** When paginating forwards, are there more items? */
  hasNextPage: Scalars['Boolean']['output'];
  /** When paginating backwards, are there more items? */
  hasPreviousPage: Scalars['Boolean']['output'];
  /** When paginating backwards, the cursor to continue. */
  startCursor?: Maybe<Scalars['String']['output']>;
};

export type PermissionDeniedError = Error & {
  __typename?: 'PermissionDeniedError';
  code: ErrorCode;
  message: Scalars['String']['output'];
};

export type Progress = {
  __typename?: 'Progress';
  done: Scalars['Int']['output'];
  percent: Scalars['Float']['output'];
  total: Scalars['Int']['output'];
};

export type Query = {
  __typename?: 'Query';
  /** Phases waiting for an agent, oldest first (at most 100). */
  agentQueue: Array<QueuedPhase>;
  /** Agents by name. */
  agents: Array<Agent>;
  /** Approvals, oldest first, at most `first` (up to 100). */
  approvals: Array<Approval>;
  /** The event log in sequence order, at most `first` (up to 500). */
  events: Array<Event>;
  /** Manual interventions, oldest first, at most `first` (up to 100). */
  manualInterventions: Array<ManualIntervention>;
  /** The node of this id; null when there is none (a malformed id is an error). */
  node?: Maybe<Node>;
  /** The nodes of these ids, in their order; null for each id without one. */
  nodes: Array<Maybe<Node>>;
  release?: Maybe<Release>;
  releaseDefinition?: Maybe<ReleaseDefinition>;
  /** Release definitions by name. Page with `first` (and `after`) or `last` (and `before`): at most 100 a page, 20 when neither is given; a larger page is an error, not cut short. */
  releaseDefinitions: ReleaseDefinitionConnection;
  /** Releases, newest first unless `orderBy` says otherwise. Page with `first` (and `after`) or `last` (and `before`): at most 100 a page, 20 when neither is given; a larger page is an error, not cut short. */
  releases: ReleaseConnection;
  viewer: Viewer;
};


export type QueryAgentQueueArgs = {
  pool?: InputMaybe<Scalars['String']['input']>;
};


export type QueryAgentsArgs = {
  pool?: InputMaybe<Scalars['String']['input']>;
  status?: InputMaybe<AgentStatus>;
};


export type QueryApprovalsArgs = {
  filter?: InputMaybe<ApprovalFilter>;
  first?: Scalars['Int']['input'];
};


export type QueryEventsArgs = {
  after?: Scalars['Int']['input'];
  first?: Scalars['Int']['input'];
  releaseId?: InputMaybe<Scalars['ID']['input']>;
};


export type QueryManualInterventionsArgs = {
  filter?: InputMaybe<ManualInterventionFilter>;
  first?: Scalars['Int']['input'];
};


export type QueryNodeArgs = {
  id: Scalars['ID']['input'];
};


export type QueryNodesArgs = {
  ids: Array<Scalars['ID']['input']>;
};


export type QueryReleaseArgs = {
  id: Scalars['ID']['input'];
};


export type QueryReleaseDefinitionArgs = {
  id: Scalars['ID']['input'];
};


export type QueryReleaseDefinitionsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  nameContains?: InputMaybe<Scalars['String']['input']>;
};


export type QueryReleasesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ReleaseFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: ReleaseOrder;
};

/** A phase waiting for an agent (or for a pipeline) of its pool. */
export type QueuedPhase = {
  __typename?: 'QueuedPhase';
  environmentName: Scalars['String']['output'];
  phase: ReleaseDeployPhase;
  releaseId: Scalars['ID']['output'];
  releaseName: Scalars['String']['output'];
  waitingSince: Scalars['DateTime']['output'];
};

/** Hand an approval to someone else; only its approver may. */
export type ReassignApprovalInput = {
  approvalId: Scalars['ID']['input'];
  comment?: Scalars['String']['input'];
  /** A user name, or group:NAME. */
  to: Scalars['String']['input'];
};

export type ReassignApprovalPayload = {
  __typename?: 'ReassignApprovalPayload';
  /** The approval handed on, now REASSIGNED. */
  approval: Approval;
  /** Its replacement, pending for `to`. */
  newApproval: Approval;
  release: Release;
};

export type ReassignApprovalResult = ConflictError | InvalidTransitionError | NotFoundError | PermissionDeniedError | ReassignApprovalPayload | ValidationError;

/** An agent process's slots: one per --capacity. */
export type RegisterAgentInput = {
  capabilities?: Array<AgentCapabilityInput>;
  capacity?: Scalars['Int']['input'];
  name: Scalars['String']['input'];
  pool?: Scalars['String']['input'];
  /** The agent's releasegraph version. */
  version: Scalars['String']['input'];
};

export type RegisterAgentPayload = {
  __typename?: 'RegisterAgentPayload';
  /** Its slots, each an agent of the pool. */
  agents: Array<Agent>;
  /** A claim's lease: renew it well within this, or the run is LOST. */
  leaseSeconds: Scalars['Float']['output'];
};

export type RegisterAgentResult = PermissionDeniedError | RegisterAgentPayload | ValidationError;

/** Reject an approval; only its designated approver may. */
export type RejectInput = {
  approvalId: Scalars['ID']['input'];
  comment?: Scalars['String']['input'];
};

/** Reject a manual step, or fail a failed task's attempt; the intervention's named approvers, else any operator. */
export type RejectManualInterventionInput = {
  comment?: Scalars['String']['input'];
  manualInterventionId: Scalars['ID']['input'];
};

export type RejectManualInterventionPayload = {
  __typename?: 'RejectManualInterventionPayload';
  manualIntervention: ManualIntervention;
  release: Release;
};

export type RejectManualInterventionResult = ConflictError | InvalidTransitionError | NotFoundError | PermissionDeniedError | RejectManualInterventionPayload | ValidationError;

export type RejectPayload = {
  __typename?: 'RejectPayload';
  approval: Approval;
  release: Release;
};

export type RejectResult = ConflictError | InvalidTransitionError | NotFoundError | PermissionDeniedError | RejectPayload | ValidationError;

export type Release = Node & {
  __typename?: 'Release';
  artifacts: Array<KeyValue>;
  completedOn?: Maybe<Scalars['DateTime']['output']>;
  createdBy: Scalars['String']['output'];
  createdOn: Scalars['DateTime']['output'];
  definition: ReleaseDefinition;
  description: Scalars['String']['output'];
  environments: Array<ReleaseEnvironment>;
  executionStatus: ReleaseExecutionStatus;
  /** The Globally Unique ID of this object */
  id: Scalars['ID']['output'];
  inputRequiredCount: Scalars['Int']['output'];
  modifiedBy: Scalars['String']['output'];
  modifiedOn: Scalars['DateTime']['output'];
  name: Scalars['String']['output'];
  number: Scalars['Int']['output'];
  /** Tasks of every environment's latest attempt: ended of all. */
  progress: Progress;
  scheduledStartTime?: Maybe<Scalars['DateTime']['output']>;
  startedOn?: Maybe<Scalars['DateTime']['output']>;
  status: ReleaseStatus;
  variables: Array<KeyValue>;
  version: Scalars['Int']['output'];
  /** What the viewer may do to it now (the engine decides). */
  viewerCan: ReleaseActions;
};

/** What the viewer may do to a release now. */
export type ReleaseActions = {
  __typename?: 'ReleaseActions';
  abandon: Scalars['Boolean']['output'];
  schedule: Scalars['Boolean']['output'];
  start: Scalars['Boolean']['output'];
};

/** A page of releases. */
export type ReleaseConnection = {
  __typename?: 'ReleaseConnection';
  /** Contains the nodes in this connection */
  edges: Array<ReleaseEdge>;
  /** Pagination data for this connection */
  pageInfo: PageInfo;
  /** How many releases match the filter, on every page together. */
  totalCount: Scalars['Int']['output'];
};

export type ReleaseDefinition = Node & {
  __typename?: 'ReleaseDefinition';
  createdBy: Scalars['String']['output'];
  createdOn: Scalars['DateTime']['output'];
  environments: Array<DefinitionEnvironment>;
  /** The Globally Unique ID of this object */
  id: Scalars['ID']['output'];
  modifiedBy: Scalars['String']['output'];
  modifiedOn: Scalars['DateTime']['output'];
  name: Scalars['String']['output'];
  releaseCount: Scalars['Int']['output'];
  revision: Scalars['Int']['output'];
  source: Scalars['String']['output'];
  /** Its variables with their defaults; a release may set others. */
  variables: Array<KeyValue>;
};

/** A page of release definitions. */
export type ReleaseDefinitionConnection = {
  __typename?: 'ReleaseDefinitionConnection';
  /** Contains the nodes in this connection */
  edges: Array<ReleaseDefinitionEdge>;
  /** Pagination data for this connection */
  pageInfo: PageInfo;
  /** How many definitions match, on every page together. */
  totalCount: Scalars['Int']['output'];
};

/** An edge in a connection. */
export type ReleaseDefinitionEdge = {
  __typename?: 'ReleaseDefinitionEdge';
  /** A cursor for use in pagination */
  cursor: Scalars['String']['output'];
  /** The item at the end of the edge */
  node: ReleaseDefinition;
};

export type ReleaseDeployPhase = Node & {
  __typename?: 'ReleaseDeployPhase';
  agent?: Maybe<Scalars['String']['output']>;
  completedOn?: Maybe<Scalars['DateTime']['output']>;
  /** The Globally Unique ID of this object */
  id: Scalars['ID']['output'];
  manualInterventions: Array<ManualIntervention>;
  name: Scalars['String']['output'];
  pool: Scalars['String']['output'];
  rank: Scalars['Int']['output'];
  runOn: Scalars['String']['output'];
  startedOn?: Maybe<Scalars['DateTime']['output']>;
  status: DeployPhaseStatus;
  tasks: Array<Task>;
};

/** An edge in a connection. */
export type ReleaseEdge = {
  __typename?: 'ReleaseEdge';
  /** A cursor for use in pagination */
  cursor: Scalars['String']['output'];
  /** The item at the end of the edge */
  node: Release;
};

export type ReleaseEnvironment = Node & {
  __typename?: 'ReleaseEnvironment';
  attempts: Array<DeploymentAttempt>;
  critical: Scalars['Boolean']['output'];
  dependsOn: Array<Scalars['String']['output']>;
  /** The Globally Unique ID of this object */
  id: Scalars['ID']['output'];
  latestAttempt?: Maybe<DeploymentAttempt>;
  name: Scalars['String']['output'];
  nextScheduledTime?: Maybe<Scalars['DateTime']['output']>;
  rank: Scalars['Int']['output'];
  skipped: Scalars['Boolean']['output'];
  status: EnvironmentStatus;
  trigger: EnvironmentTrigger;
  /** What the viewer may do to it now (the engine decides). */
  viewerCan: EnvironmentActions;
};

export type ReleaseExecutionStatus =
  | 'CANCELED'
  | 'FAILED'
  | 'NOT_STARTED'
  | 'ON_HOLD'
  | 'PARTIAL_SUCCESS'
  | 'RUNNING'
  | 'SCHEDULED'
  | 'SUCCEEDED';

/** Releases matching every field given; a list matches any value. */
export type ReleaseFilter = {
  /** Created at this time or later. */
  createdAfter?: InputMaybe<Scalars['DateTime']['input']>;
  /** Created before this time. */
  createdBefore?: InputMaybe<Scalars['DateTime']['input']>;
  createdBy?: InputMaybe<Scalars['String']['input']>;
  definitionId?: InputMaybe<Scalars['ID']['input']>;
  /** Has an environment of this name (in `environmentStatus`). */
  environmentName?: InputMaybe<Scalars['String']['input']>;
  /** Has an environment in one of these (the one named `environmentName`). */
  environmentStatus?: InputMaybe<Array<EnvironmentStatus>>;
  executionStatus?: InputMaybe<Array<ReleaseExecutionStatus>>;
  status?: InputMaybe<Array<ReleaseStatus>>;
};

/** How releases are ordered; ties are broken by id. */
export type ReleaseOrder =
  | 'CREATED_ON_ASC'
  | 'CREATED_ON_DESC'
  | 'NAME_ASC'
  | 'NAME_DESC';

export type ReleaseStatus =
  | 'ABANDONED'
  | 'ACTIVE'
  | 'DRAFT';

export type RenewJobLeaseInput = {
  runId: Scalars['ID']['input'];
  token: Scalars['String']['input'];
};

export type RenewJobLeasePayload = {
  __typename?: 'RenewJobLeasePayload';
  leaseExpiresAt: Scalars['DateTime']['output'];
  /** The server ended the run (a cancel, its timeout): kill it, report nothing. */
  stop: Scalars['Boolean']['output'];
};

export type RenewJobLeaseResult = NotFoundError | PermissionDeniedError | RenewJobLeasePayload | StaleLeaseError | ValidationError;

/** A run's outcome: it succeeded unless `error` says why not. */
export type ReportJobInput = {
  error?: InputMaybe<Scalars['String']['input']>;
  exitCode?: InputMaybe<Scalars['Int']['input']>;
  runId: Scalars['ID']['input'];
  token: Scalars['String']['input'];
};

export type ReportJobPayload = {
  __typename?: 'ReportJobPayload';
  runId: Scalars['ID']['output'];
};

export type ReportJobResult = NotFoundError | PermissionDeniedError | ReportJobPayload | StaleLeaseError | ValidationError;

/** Resume a manual step; its named approvers, else any operator. */
export type ResumeManualInterventionInput = {
  comment?: Scalars['String']['input'];
  manualInterventionId: Scalars['ID']['input'];
  /** What the person entered, kept on the intervention. */
  values?: InputMaybe<Array<KeyValueInput>>;
};

export type ResumeManualInterventionPayload = {
  __typename?: 'ResumeManualInterventionPayload';
  manualIntervention: ManualIntervention;
  release: Release;
};

export type ResumeManualInterventionResult = ConflictError | InvalidTransitionError | NotFoundError | PermissionDeniedError | ResumeManualInterventionPayload | ValidationError;

/** Run a failed task again: in its attempt while it waits for a decision, else in a new attempt of its environment that resumes at this task. */
export type RetryTaskInput = {
  taskId: Scalars['ID']['input'];
};

export type RetryTaskPayload = {
  __typename?: 'RetryTaskPayload';
  release: Release;
  /** The task retried (a new attempt has its own copy). */
  task: Task;
};

export type RetryTaskResult = InvalidTransitionError | NotFoundError | PermissionDeniedError | RetryTaskPayload | ValidationError;

export type Role =
  | 'ADMIN'
  | 'AGENT'
  | 'OPERATOR'
  | 'VIEWER';

export type ScheduleReleaseInput = {
  releaseId: Scalars['ID']['input'];
  /** When the draft starts by itself; must be in the future. */
  startAt: Scalars['DateTime']['input'];
};

export type ScheduleReleasePayload = {
  __typename?: 'ScheduleReleasePayload';
  release: Release;
};

export type ScheduleReleaseResult = InvalidTransitionError | NotFoundError | PermissionDeniedError | ScheduleReleasePayload | ValidationError;

export type StaleLeaseError = Error & {
  __typename?: 'StaleLeaseError';
  code: ErrorCode;
  message: Scalars['String']['output'];
  /** The run the lease was on (a database id). */
  runId: Scalars['String']['output'];
};

/** Start a draft now; a scheduled release starts before its time. */
export type StartReleaseInput = {
  releaseId: Scalars['ID']['input'];
};

export type StartReleasePayload = {
  __typename?: 'StartReleasePayload';
  release: Release;
};

export type StartReleaseResult = InvalidTransitionError | NotFoundError | PermissionDeniedError | StartReleasePayload | ValidationError;

export type Subscription = {
  __typename?: 'Subscription';
  inputRequired: InputRequired;
  releaseEvents: Event;
  releaseUpdated: Release;
  releasesUpdated: Array<Release>;
  taskLog: LogLine;
};


export type SubscriptionReleaseEventsArgs = {
  after?: Scalars['Int']['input'];
  releaseId?: InputMaybe<Scalars['ID']['input']>;
};


export type SubscriptionReleaseUpdatedArgs = {
  id: Scalars['ID']['input'];
};


export type SubscriptionReleasesUpdatedArgs = {
  filter?: InputMaybe<ReleaseFilter>;
  first?: Scalars['Int']['input'];
};


export type SubscriptionTaskLogArgs = {
  afterLine?: Scalars['Int']['input'];
  taskId: Scalars['ID']['input'];
};

export type Task = Node & {
  __typename?: 'Task';
  carriedOver: Scalars['Boolean']['output'];
  completedOn?: Maybe<Scalars['DateTime']['output']>;
  /** The Globally Unique ID of this object */
  id: Scalars['ID']['output'];
  inputs: Array<KeyValue>;
  kind: Scalars['String']['output'];
  /** Log lines after `afterLine`, at most `first` of them. */
  log: Array<LogLine>;
  logLineCount: Scalars['Int']['output'];
  /** The last `last` log lines, read alone: a page opening on the end of a long log reads those, not all of it (one statement per task). */
  logTail: Array<LogLine>;
  name: Scalars['String']['output'];
  rank: Scalars['Int']['output'];
  runs: Array<TaskRun>;
  startedOn?: Maybe<Scalars['DateTime']['output']>;
  status: TaskStatus;
  /** What the viewer may do to it now (the engine decides). */
  viewerCan: TaskActions;
};


export type TaskLogArgs = {
  afterLine?: Scalars['Int']['input'];
  first?: Scalars['Int']['input'];
};


export type TaskLogTailArgs = {
  last?: Scalars['Int']['input'];
};

/** What the viewer may do to a failed task now. */
export type TaskActions = {
  __typename?: 'TaskActions';
  fixAndContinue: Scalars['Boolean']['output'];
  ignore: Scalars['Boolean']['output'];
  retry: Scalars['Boolean']['output'];
};

export type TaskRun = Node & {
  __typename?: 'TaskRun';
  agent?: Maybe<Scalars['String']['output']>;
  /** The number of the deployment attempt this run ran in. */
  attempt: Scalars['Int']['output'];
  completedOn?: Maybe<Scalars['DateTime']['output']>;
  error?: Maybe<Scalars['String']['output']>;
  exitCode?: Maybe<Scalars['Int']['output']>;
  /** The Globally Unique ID of this object */
  id: Scalars['ID']['output'];
  /** Counts the runs of the task in its deployment: a retry attempt goes on, a redeploy starts at 1. */
  number: Scalars['Int']['output'];
  startedOn: Scalars['DateTime']['output'];
  status: TaskRunStatus;
};

export type TaskRunStatus =
  | 'CANCELED'
  | 'FAILED'
  | 'INTERRUPTED'
  | 'IN_PROGRESS'
  | 'LOST'
  | 'SUCCEEDED'
  | 'TIMED_OUT';

export type TaskStatus =
  | 'CANCELED'
  | 'FAILED'
  | 'IGNORED'
  | 'IN_PROGRESS'
  | 'PENDING'
  | 'SKIPPED'
  | 'SUCCEEDED';

/** Enable an agent, or disable it to drain it. */
export type UpdateAgentInput = {
  agentId: Scalars['ID']['input'];
  enabled: Scalars['Boolean']['input'];
};

export type UpdateAgentPayload = {
  __typename?: 'UpdateAgentPayload';
  agent: Agent;
};

export type UpdateAgentResult = NotFoundError | PermissionDeniedError | UpdateAgentPayload | ValidationError;

/** Fields left out (or null) keep their value. */
export type UpdateDraftReleaseInput = {
  /** Replaces every artifact. */
  artifacts?: InputMaybe<Array<KeyValueInput>>;
  description?: InputMaybe<Scalars['String']['input']>;
  releaseId: Scalars['ID']['input'];
  /** Replaces every variable. */
  variables?: InputMaybe<Array<KeyValueInput>>;
};

export type UpdateDraftReleasePayload = {
  __typename?: 'UpdateDraftReleasePayload';
  release: Release;
};

export type UpdateDraftReleaseResult = InvalidTransitionError | NotFoundError | PermissionDeniedError | UpdateDraftReleasePayload | ValidationError;

export type UpdateReleaseDefinitionInput = {
  id: Scalars['ID']['input'];
  /** The whole new definition, as YAML or JSON; releases keep their snapshot. */
  source: Scalars['String']['input'];
};

export type UpdateReleaseDefinitionPayload = {
  __typename?: 'UpdateReleaseDefinitionPayload';
  definition: ReleaseDefinition;
};

export type UpdateReleaseDefinitionResult = ConflictError | NotFoundError | PermissionDeniedError | UpdateReleaseDefinitionPayload | ValidationError;

export type ValidationError = Error & {
  __typename?: 'ValidationError';
  code: ErrorCode;
  issues: Array<ValidationIssue>;
  message: Scalars['String']['output'];
};

export type ValidationIssue = {
  __typename?: 'ValidationIssue';
  message: Scalars['String']['output'];
  path: Scalars['String']['output'];
};

export type Viewer = {
  __typename?: 'Viewer';
  displayName: Scalars['String']['output'];
  groups: Array<Scalars['String']['output']>;
  name: Scalars['String']['output'];
  role: Role;
};

export type ViewerQueryVariables = Exact<{ [key: string]: never; }>;


export type ViewerQuery = { __typename?: 'Query', viewer: { __typename?: 'Viewer', name: string, displayName: string, role: Role, groups: Array<string> } };

export type ReleaseRowFragment = { __typename?: 'Release', id: string, name: string, number: number, status: ReleaseStatus, executionStatus: ReleaseExecutionStatus, inputRequiredCount: number, createdBy: string, createdOn: string, definition: { __typename?: 'ReleaseDefinition', id: string, name: string }, progress: { __typename?: 'Progress', done: number, total: number, percent: number }, environments: Array<{ __typename?: 'ReleaseEnvironment', id: string, name: string, status: EnvironmentStatus }> };

export type ReleasesQueryVariables = Exact<{
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ReleaseFilter>;
  orderBy: ReleaseOrder;
}>;


export type ReleasesQuery = { __typename?: 'Query', releases: { __typename?: 'ReleaseConnection', totalCount: number, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null }, edges: Array<{ __typename?: 'ReleaseEdge', cursor: string, node: { __typename?: 'Release', id: string, name: string, number: number, status: ReleaseStatus, executionStatus: ReleaseExecutionStatus, inputRequiredCount: number, createdBy: string, createdOn: string, definition: { __typename?: 'ReleaseDefinition', id: string, name: string }, progress: { __typename?: 'Progress', done: number, total: number, percent: number }, environments: Array<{ __typename?: 'ReleaseEnvironment', id: string, name: string, status: EnvironmentStatus }> } }> } };

export type ReleasesUpdatedSubscriptionVariables = Exact<{
  filter?: InputMaybe<ReleaseFilter>;
  first: Scalars['Int']['input'];
}>;


export type ReleasesUpdatedSubscription = { __typename?: 'Subscription', releasesUpdated: Array<{ __typename?: 'Release', id: string, name: string, number: number, status: ReleaseStatus, executionStatus: ReleaseExecutionStatus, inputRequiredCount: number, createdBy: string, createdOn: string, definition: { __typename?: 'ReleaseDefinition', id: string, name: string }, progress: { __typename?: 'Progress', done: number, total: number, percent: number }, environments: Array<{ __typename?: 'ReleaseEnvironment', id: string, name: string, status: EnvironmentStatus }> }> };

export type DefinitionsQueryVariables = Exact<{ [key: string]: never; }>;


export type DefinitionsQuery = { __typename?: 'Query', releaseDefinitions: { __typename?: 'ReleaseDefinitionConnection', edges: Array<{ __typename?: 'ReleaseDefinitionEdge', node: { __typename?: 'ReleaseDefinition', id: string, name: string, revision: number, releaseCount: number, variables: Array<{ __typename?: 'KeyValue', name: string, value: string }>, environments: Array<{ __typename?: 'DefinitionEnvironment', name: string, trigger: EnvironmentTrigger, dependsOn: Array<string>, critical: boolean }> } }> } };

export type ApprovalFieldsFragment = { __typename?: 'Approval', id: string, stage: ApprovalStage, rank: number, approver: string, status: ApprovalStatus, gateOverride: boolean, approvedBy?: string | null, comment: string, createdOn: string, modifiedOn: string, timeoutAt?: string | null, deferUntil?: string | null, reassignedFrom?: string | null, canApprove: boolean, environmentName: string, release: { __typename?: 'Release', id: string, name: string } };

export type InterventionFieldsFragment = { __typename?: 'ManualIntervention', id: string, kind: ManualInterventionKind, status: ManualInterventionStatus, instructions: string, approvers: Array<string>, resolution?: string | null, actedBy?: string | null, comment: string, createdOn: string, timeoutAt?: string | null, canAct: boolean, values: Array<{ __typename?: 'KeyValue', name: string, value: string }>, task: { __typename?: 'Task', id: string, name: string, status: TaskStatus, inputs: Array<{ __typename?: 'KeyValue', name: string, value: string }>, viewerCan: { __typename?: 'TaskActions', retry: boolean, ignore: boolean, fixAndContinue: boolean } }, release: { __typename?: 'Release', id: string, name: string } };

export type AttemptFieldsFragment = { __typename?: 'DeploymentAttempt', id: string, attempt: number, environmentName: string, status: DeploymentStatus, operationStatus: DeploymentOperationStatus, reason: DeploymentReason, requestedBy: string, lastModifiedBy: string, queuedOn: string, scheduledAt?: string | null, deferredUntil?: string | null, startedOn?: string | null, completedOn?: string | null, statusReason?: string | null, preDeployApprovals: Array<{ __typename?: 'Approval', id: string, stage: ApprovalStage, rank: number, approver: string, status: ApprovalStatus, gateOverride: boolean, approvedBy?: string | null, comment: string, createdOn: string, modifiedOn: string, timeoutAt?: string | null, deferUntil?: string | null, reassignedFrom?: string | null, canApprove: boolean, environmentName: string, release: { __typename?: 'Release', id: string, name: string } }>, postDeployApprovals: Array<{ __typename?: 'Approval', id: string, stage: ApprovalStage, rank: number, approver: string, status: ApprovalStatus, gateOverride: boolean, approvedBy?: string | null, comment: string, createdOn: string, modifiedOn: string, timeoutAt?: string | null, deferUntil?: string | null, reassignedFrom?: string | null, canApprove: boolean, environmentName: string, release: { __typename?: 'Release', id: string, name: string } }>, gates: Array<{ __typename?: 'Gate', id: string, stage: ApprovalStage, status: GateStatus, samples: number, nextSampleAt?: string | null, timeoutAt?: string | null, lastResults: Array<{ __typename?: 'GateCheckResult', name: string, passed: boolean }> }>, phases: Array<{ __typename?: 'ReleaseDeployPhase', id: string, name: string, rank: number, runOn: string, pool: string, status: DeployPhaseStatus, agent?: string | null, startedOn?: string | null, completedOn?: string | null, tasks: Array<{ __typename?: 'Task', id: string, name: string, kind: string, rank: number, status: TaskStatus, carriedOver: boolean, logLineCount: number, startedOn?: string | null, completedOn?: string | null, viewerCan: { __typename?: 'TaskActions', retry: boolean, ignore: boolean, fixAndContinue: boolean }, runs: Array<{ __typename?: 'TaskRun', id: string, number: number, status: TaskRunStatus, agent?: string | null, startedOn: string, completedOn?: string | null, exitCode?: number | null, error?: string | null, attempt: number }> }>, manualInterventions: Array<{ __typename?: 'ManualIntervention', id: string, kind: ManualInterventionKind, status: ManualInterventionStatus, instructions: string, approvers: Array<string>, resolution?: string | null, actedBy?: string | null, comment: string, createdOn: string, timeoutAt?: string | null, canAct: boolean, values: Array<{ __typename?: 'KeyValue', name: string, value: string }>, task: { __typename?: 'Task', id: string, name: string, status: TaskStatus, inputs: Array<{ __typename?: 'KeyValue', name: string, value: string }>, viewerCan: { __typename?: 'TaskActions', retry: boolean, ignore: boolean, fixAndContinue: boolean } }, release: { __typename?: 'Release', id: string, name: string } }> }> };

export type ReleaseDetailFragment = { __typename?: 'Release', id: string, name: string, number: number, status: ReleaseStatus, executionStatus: ReleaseExecutionStatus, description: string, createdBy: string, createdOn: string, modifiedOn: string, scheduledStartTime?: string | null, startedOn?: string | null, completedOn?: string | null, inputRequiredCount: number, viewerCan: { __typename?: 'ReleaseActions', start: boolean, schedule: boolean, abandon: boolean }, variables: Array<{ __typename?: 'KeyValue', name: string, value: string }>, artifacts: Array<{ __typename?: 'KeyValue', name: string, value: string }>, definition: { __typename?: 'ReleaseDefinition', id: string, name: string }, progress: { __typename?: 'Progress', done: number, total: number, percent: number }, environments: Array<{ __typename?: 'ReleaseEnvironment', id: string, name: string, rank: number, status: EnvironmentStatus, skipped: boolean, nextScheduledTime?: string | null, trigger: EnvironmentTrigger, dependsOn: Array<string>, critical: boolean, viewerCan: { __typename?: 'EnvironmentActions', deploy: boolean, cancel: boolean }, latestAttempt?: { __typename?: 'DeploymentAttempt', id: string } | null, attempts: Array<{ __typename?: 'DeploymentAttempt', id: string, attempt: number, environmentName: string, status: DeploymentStatus, operationStatus: DeploymentOperationStatus, reason: DeploymentReason, requestedBy: string, lastModifiedBy: string, queuedOn: string, scheduledAt?: string | null, deferredUntil?: string | null, startedOn?: string | null, completedOn?: string | null, statusReason?: string | null, preDeployApprovals: Array<{ __typename?: 'Approval', id: string, stage: ApprovalStage, rank: number, approver: string, status: ApprovalStatus, gateOverride: boolean, approvedBy?: string | null, comment: string, createdOn: string, modifiedOn: string, timeoutAt?: string | null, deferUntil?: string | null, reassignedFrom?: string | null, canApprove: boolean, environmentName: string, release: { __typename?: 'Release', id: string, name: string } }>, postDeployApprovals: Array<{ __typename?: 'Approval', id: string, stage: ApprovalStage, rank: number, approver: string, status: ApprovalStatus, gateOverride: boolean, approvedBy?: string | null, comment: string, createdOn: string, modifiedOn: string, timeoutAt?: string | null, deferUntil?: string | null, reassignedFrom?: string | null, canApprove: boolean, environmentName: string, release: { __typename?: 'Release', id: string, name: string } }>, gates: Array<{ __typename?: 'Gate', id: string, stage: ApprovalStage, status: GateStatus, samples: number, nextSampleAt?: string | null, timeoutAt?: string | null, lastResults: Array<{ __typename?: 'GateCheckResult', name: string, passed: boolean }> }>, phases: Array<{ __typename?: 'ReleaseDeployPhase', id: string, name: string, rank: number, runOn: string, pool: string, status: DeployPhaseStatus, agent?: string | null, startedOn?: string | null, completedOn?: string | null, tasks: Array<{ __typename?: 'Task', id: string, name: string, kind: string, rank: number, status: TaskStatus, carriedOver: boolean, logLineCount: number, startedOn?: string | null, completedOn?: string | null, viewerCan: { __typename?: 'TaskActions', retry: boolean, ignore: boolean, fixAndContinue: boolean }, runs: Array<{ __typename?: 'TaskRun', id: string, number: number, status: TaskRunStatus, agent?: string | null, startedOn: string, completedOn?: string | null, exitCode?: number | null, error?: string | null, attempt: number }> }>, manualInterventions: Array<{ __typename?: 'ManualIntervention', id: string, kind: ManualInterventionKind, status: ManualInterventionStatus, instructions: string, approvers: Array<string>, resolution?: string | null, actedBy?: string | null, comment: string, createdOn: string, timeoutAt?: string | null, canAct: boolean, values: Array<{ __typename?: 'KeyValue', name: string, value: string }>, task: { __typename?: 'Task', id: string, name: string, status: TaskStatus, inputs: Array<{ __typename?: 'KeyValue', name: string, value: string }>, viewerCan: { __typename?: 'TaskActions', retry: boolean, ignore: boolean, fixAndContinue: boolean } }, release: { __typename?: 'Release', id: string, name: string } }> }> }> }> };

export type ReleaseUpdatedSubscriptionVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type ReleaseUpdatedSubscription = { __typename?: 'Subscription', releaseUpdated: { __typename?: 'Release', id: string, name: string, number: number, status: ReleaseStatus, executionStatus: ReleaseExecutionStatus, description: string, createdBy: string, createdOn: string, modifiedOn: string, scheduledStartTime?: string | null, startedOn?: string | null, completedOn?: string | null, inputRequiredCount: number, viewerCan: { __typename?: 'ReleaseActions', start: boolean, schedule: boolean, abandon: boolean }, variables: Array<{ __typename?: 'KeyValue', name: string, value: string }>, artifacts: Array<{ __typename?: 'KeyValue', name: string, value: string }>, definition: { __typename?: 'ReleaseDefinition', id: string, name: string }, progress: { __typename?: 'Progress', done: number, total: number, percent: number }, environments: Array<{ __typename?: 'ReleaseEnvironment', id: string, name: string, rank: number, status: EnvironmentStatus, skipped: boolean, nextScheduledTime?: string | null, trigger: EnvironmentTrigger, dependsOn: Array<string>, critical: boolean, viewerCan: { __typename?: 'EnvironmentActions', deploy: boolean, cancel: boolean }, latestAttempt?: { __typename?: 'DeploymentAttempt', id: string } | null, attempts: Array<{ __typename?: 'DeploymentAttempt', id: string, attempt: number, environmentName: string, status: DeploymentStatus, operationStatus: DeploymentOperationStatus, reason: DeploymentReason, requestedBy: string, lastModifiedBy: string, queuedOn: string, scheduledAt?: string | null, deferredUntil?: string | null, startedOn?: string | null, completedOn?: string | null, statusReason?: string | null, preDeployApprovals: Array<{ __typename?: 'Approval', id: string, stage: ApprovalStage, rank: number, approver: string, status: ApprovalStatus, gateOverride: boolean, approvedBy?: string | null, comment: string, createdOn: string, modifiedOn: string, timeoutAt?: string | null, deferUntil?: string | null, reassignedFrom?: string | null, canApprove: boolean, environmentName: string, release: { __typename?: 'Release', id: string, name: string } }>, postDeployApprovals: Array<{ __typename?: 'Approval', id: string, stage: ApprovalStage, rank: number, approver: string, status: ApprovalStatus, gateOverride: boolean, approvedBy?: string | null, comment: string, createdOn: string, modifiedOn: string, timeoutAt?: string | null, deferUntil?: string | null, reassignedFrom?: string | null, canApprove: boolean, environmentName: string, release: { __typename?: 'Release', id: string, name: string } }>, gates: Array<{ __typename?: 'Gate', id: string, stage: ApprovalStage, status: GateStatus, samples: number, nextSampleAt?: string | null, timeoutAt?: string | null, lastResults: Array<{ __typename?: 'GateCheckResult', name: string, passed: boolean }> }>, phases: Array<{ __typename?: 'ReleaseDeployPhase', id: string, name: string, rank: number, runOn: string, pool: string, status: DeployPhaseStatus, agent?: string | null, startedOn?: string | null, completedOn?: string | null, tasks: Array<{ __typename?: 'Task', id: string, name: string, kind: string, rank: number, status: TaskStatus, carriedOver: boolean, logLineCount: number, startedOn?: string | null, completedOn?: string | null, viewerCan: { __typename?: 'TaskActions', retry: boolean, ignore: boolean, fixAndContinue: boolean }, runs: Array<{ __typename?: 'TaskRun', id: string, number: number, status: TaskRunStatus, agent?: string | null, startedOn: string, completedOn?: string | null, exitCode?: number | null, error?: string | null, attempt: number }> }>, manualInterventions: Array<{ __typename?: 'ManualIntervention', id: string, kind: ManualInterventionKind, status: ManualInterventionStatus, instructions: string, approvers: Array<string>, resolution?: string | null, actedBy?: string | null, comment: string, createdOn: string, timeoutAt?: string | null, canAct: boolean, values: Array<{ __typename?: 'KeyValue', name: string, value: string }>, task: { __typename?: 'Task', id: string, name: string, status: TaskStatus, inputs: Array<{ __typename?: 'KeyValue', name: string, value: string }>, viewerCan: { __typename?: 'TaskActions', retry: boolean, ignore: boolean, fixAndContinue: boolean } }, release: { __typename?: 'Release', id: string, name: string } }> }> }> }> } };

export type TaskInfoQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type TaskInfoQuery = { __typename?: 'Query', node?: { __typename?: 'Agent', id: string } | { __typename?: 'Approval', id: string } | { __typename?: 'DeploymentAttempt', id: string } | { __typename?: 'Gate', id: string } | { __typename?: 'ManualIntervention', id: string } | { __typename?: 'Release', id: string } | { __typename?: 'ReleaseDefinition', id: string } | { __typename?: 'ReleaseDeployPhase', id: string } | { __typename?: 'ReleaseEnvironment', id: string } | { __typename?: 'Task', name: string, kind: string, status: TaskStatus, logLineCount: number, startedOn?: string | null, completedOn?: string | null, id: string } | { __typename?: 'TaskRun', id: string } | null };

export type TaskChangedSubscriptionVariables = Exact<{
  releaseId: Scalars['ID']['input'];
}>;


export type TaskChangedSubscription = { __typename?: 'Subscription', releaseUpdated: { __typename?: 'Release', id: string, version: number } };

export type TaskTailQueryVariables = Exact<{
  id: Scalars['ID']['input'];
  last: Scalars['Int']['input'];
}>;


export type TaskTailQuery = { __typename?: 'Query', node?: { __typename?: 'Agent', id: string } | { __typename?: 'Approval', id: string } | { __typename?: 'DeploymentAttempt', id: string } | { __typename?: 'Gate', id: string } | { __typename?: 'ManualIntervention', id: string } | { __typename?: 'Release', id: string } | { __typename?: 'ReleaseDefinition', id: string } | { __typename?: 'ReleaseDeployPhase', id: string } | { __typename?: 'ReleaseEnvironment', id: string } | { __typename?: 'Task', id: string, logTail: Array<{ __typename?: 'LogLine', line: number, stream: string, text: string, at: string, runNumber?: number | null }> } | { __typename?: 'TaskRun', id: string } | null };

export type TaskLogSubscriptionVariables = Exact<{
  taskId: Scalars['ID']['input'];
  afterLine: Scalars['Int']['input'];
}>;


export type TaskLogSubscription = { __typename?: 'Subscription', taskLog: { __typename?: 'LogLine', line: number, stream: string, text: string, at: string, runNumber?: number | null } };

export type ReleaseEventsSubscriptionVariables = Exact<{
  releaseId?: InputMaybe<Scalars['ID']['input']>;
  after: Scalars['Int']['input'];
}>;


export type ReleaseEventsSubscription = { __typename?: 'Subscription', releaseEvents: { __typename?: 'Event', seq: number, entity: string, entityId: string, kind: string, fromStatus?: string | null, toStatus?: string | null, fromOperationStatus?: string | null, toOperationStatus?: string | null, actor: string, at: string } };

export type InputRequiredSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type InputRequiredSubscription = { __typename?: 'Subscription', inputRequired: { __typename?: 'InputRequired', count: number, approvals: Array<{ __typename?: 'Approval', id: string, stage: ApprovalStage, rank: number, approver: string, status: ApprovalStatus, gateOverride: boolean, approvedBy?: string | null, comment: string, createdOn: string, modifiedOn: string, timeoutAt?: string | null, deferUntil?: string | null, reassignedFrom?: string | null, canApprove: boolean, environmentName: string, release: { __typename?: 'Release', id: string, name: string } }>, manualInterventions: Array<{ __typename?: 'ManualIntervention', id: string, kind: ManualInterventionKind, status: ManualInterventionStatus, instructions: string, approvers: Array<string>, resolution?: string | null, actedBy?: string | null, comment: string, createdOn: string, timeoutAt?: string | null, canAct: boolean, values: Array<{ __typename?: 'KeyValue', name: string, value: string }>, task: { __typename?: 'Task', id: string, name: string, status: TaskStatus, inputs: Array<{ __typename?: 'KeyValue', name: string, value: string }>, viewerCan: { __typename?: 'TaskActions', retry: boolean, ignore: boolean, fixAndContinue: boolean } }, release: { __typename?: 'Release', id: string, name: string } }> } };

export type AgentsQueryVariables = Exact<{ [key: string]: never; }>;


export type AgentsQuery = { __typename?: 'Query', agents: Array<{ __typename?: 'Agent', id: string, name: string, pool: string, status: AgentStatus, enabled: boolean, remote: boolean, process?: string | null, capacity: number, version?: string | null, busy: boolean, lastSeen?: string | null, capabilities: Array<{ __typename?: 'AgentCapability', name: string, value: string }>, currentPhase?: { __typename?: 'ReleaseDeployPhase', id: string, name: string, status: DeployPhaseStatus } | null }>, agentQueue: Array<{ __typename?: 'QueuedPhase', releaseId: string, releaseName: string, environmentName: string, waitingSince: string, phase: { __typename?: 'ReleaseDeployPhase', id: string, name: string, pool: string } }> };

export type ApprovalNodeQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type ApprovalNodeQuery = { __typename?: 'Query', node?: { __typename: 'Agent', id: string } | { __typename: 'Approval', id: string, stage: ApprovalStage, rank: number, approver: string, status: ApprovalStatus, gateOverride: boolean, approvedBy?: string | null, comment: string, createdOn: string, modifiedOn: string, timeoutAt?: string | null, deferUntil?: string | null, reassignedFrom?: string | null, canApprove: boolean, environmentName: string, release: { __typename?: 'Release', id: string, name: string } } | { __typename: 'DeploymentAttempt', id: string } | { __typename: 'Gate', id: string } | { __typename: 'ManualIntervention', id: string } | { __typename: 'Release', id: string } | { __typename: 'ReleaseDefinition', id: string } | { __typename: 'ReleaseDeployPhase', id: string } | { __typename: 'ReleaseEnvironment', id: string } | { __typename: 'Task', id: string } | { __typename: 'TaskRun', id: string } | null };

export type InterventionNodeQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type InterventionNodeQuery = { __typename?: 'Query', node?: { __typename: 'Agent', id: string } | { __typename: 'Approval', id: string } | { __typename: 'DeploymentAttempt', id: string } | { __typename: 'Gate', id: string } | { __typename: 'ManualIntervention', id: string, kind: ManualInterventionKind, status: ManualInterventionStatus, instructions: string, approvers: Array<string>, resolution?: string | null, actedBy?: string | null, comment: string, createdOn: string, timeoutAt?: string | null, canAct: boolean, values: Array<{ __typename?: 'KeyValue', name: string, value: string }>, task: { __typename?: 'Task', id: string, name: string, status: TaskStatus, inputs: Array<{ __typename?: 'KeyValue', name: string, value: string }>, viewerCan: { __typename?: 'TaskActions', retry: boolean, ignore: boolean, fixAndContinue: boolean } }, release: { __typename?: 'Release', id: string, name: string } } | { __typename: 'Release', id: string } | { __typename: 'ReleaseDefinition', id: string } | { __typename: 'ReleaseDeployPhase', id: string } | { __typename: 'ReleaseEnvironment', id: string } | { __typename: 'Task', id: string } | { __typename: 'TaskRun', id: string } | null };

export type CreateReleaseMutationVariables = Exact<{
  input: CreateReleaseInput;
}>;


export type CreateReleaseMutation = { __typename?: 'Mutation', createRelease: { __typename: 'CreateReleasePayload', release: { __typename?: 'Release', id: string } } | { __typename: 'NotFoundError', code: ErrorCode, message: string } | { __typename: 'PermissionDeniedError', code: ErrorCode, message: string } | { __typename: 'ValidationError', code: ErrorCode, message: string } };

export type StartReleaseMutationVariables = Exact<{
  input: StartReleaseInput;
}>;


export type StartReleaseMutation = { __typename?: 'Mutation', startRelease: { __typename: 'InvalidTransitionError', code: ErrorCode, message: string } | { __typename: 'NotFoundError', code: ErrorCode, message: string } | { __typename: 'PermissionDeniedError', code: ErrorCode, message: string } | { __typename: 'StartReleasePayload' } | { __typename: 'ValidationError', code: ErrorCode, message: string } };

export type ScheduleReleaseMutationVariables = Exact<{
  input: ScheduleReleaseInput;
}>;


export type ScheduleReleaseMutation = { __typename?: 'Mutation', scheduleRelease: { __typename: 'InvalidTransitionError', code: ErrorCode, message: string } | { __typename: 'NotFoundError', code: ErrorCode, message: string } | { __typename: 'PermissionDeniedError', code: ErrorCode, message: string } | { __typename: 'ScheduleReleasePayload' } | { __typename: 'ValidationError', code: ErrorCode, message: string } };

export type AbandonReleaseMutationVariables = Exact<{
  input: AbandonReleaseInput;
}>;


export type AbandonReleaseMutation = { __typename?: 'Mutation', abandonRelease: { __typename: 'AbandonReleasePayload' } | { __typename: 'InvalidTransitionError', code: ErrorCode, message: string } | { __typename: 'NotFoundError', code: ErrorCode, message: string } | { __typename: 'PermissionDeniedError', code: ErrorCode, message: string } | { __typename: 'ValidationError', code: ErrorCode, message: string } };

export type DeployEnvironmentMutationVariables = Exact<{
  input: DeployEnvironmentInput;
}>;


export type DeployEnvironmentMutation = { __typename?: 'Mutation', deployEnvironment: { __typename: 'DeployEnvironmentPayload' } | { __typename: 'InvalidTransitionError', code: ErrorCode, message: string } | { __typename: 'NotFoundError', code: ErrorCode, message: string } | { __typename: 'PermissionDeniedError', code: ErrorCode, message: string } | { __typename: 'ValidationError', code: ErrorCode, message: string } };

export type CancelDeploymentMutationVariables = Exact<{
  input: CancelDeploymentInput;
}>;


export type CancelDeploymentMutation = { __typename?: 'Mutation', cancelDeployment: { __typename: 'CancelDeploymentPayload' } | { __typename: 'InvalidTransitionError', code: ErrorCode, message: string } | { __typename: 'NotFoundError', code: ErrorCode, message: string } | { __typename: 'PermissionDeniedError', code: ErrorCode, message: string } | { __typename: 'ValidationError', code: ErrorCode, message: string } };

export type ApproveMutationVariables = Exact<{
  input: ApproveInput;
}>;


export type ApproveMutation = { __typename?: 'Mutation', approve: { __typename: 'ApprovePayload', approval: { __typename?: 'Approval', id: string, stage: ApprovalStage, rank: number, approver: string, status: ApprovalStatus, gateOverride: boolean, approvedBy?: string | null, comment: string, createdOn: string, modifiedOn: string, timeoutAt?: string | null, deferUntil?: string | null, reassignedFrom?: string | null, canApprove: boolean, environmentName: string, release: { __typename?: 'Release', id: string, name: string } } } | { __typename: 'ConflictError', code: ErrorCode, message: string } | { __typename: 'InvalidTransitionError', code: ErrorCode, message: string } | { __typename: 'NotFoundError', code: ErrorCode, message: string } | { __typename: 'PermissionDeniedError', code: ErrorCode, message: string } | { __typename: 'ValidationError', code: ErrorCode, message: string } };

export type ReassignApprovalMutationVariables = Exact<{
  input: ReassignApprovalInput;
}>;


export type ReassignApprovalMutation = { __typename?: 'Mutation', reassignApproval: { __typename: 'ConflictError', code: ErrorCode, message: string } | { __typename: 'InvalidTransitionError', code: ErrorCode, message: string } | { __typename: 'NotFoundError', code: ErrorCode, message: string } | { __typename: 'PermissionDeniedError', code: ErrorCode, message: string } | { __typename: 'ReassignApprovalPayload' } | { __typename: 'ValidationError', code: ErrorCode, message: string } };

export type RejectMutationVariables = Exact<{
  input: RejectInput;
}>;


export type RejectMutation = { __typename?: 'Mutation', reject: { __typename: 'ConflictError', code: ErrorCode, message: string } | { __typename: 'InvalidTransitionError', code: ErrorCode, message: string } | { __typename: 'NotFoundError', code: ErrorCode, message: string } | { __typename: 'PermissionDeniedError', code: ErrorCode, message: string } | { __typename: 'RejectPayload', approval: { __typename?: 'Approval', id: string, stage: ApprovalStage, rank: number, approver: string, status: ApprovalStatus, gateOverride: boolean, approvedBy?: string | null, comment: string, createdOn: string, modifiedOn: string, timeoutAt?: string | null, deferUntil?: string | null, reassignedFrom?: string | null, canApprove: boolean, environmentName: string, release: { __typename?: 'Release', id: string, name: string } } } | { __typename: 'ValidationError', code: ErrorCode, message: string } };

export type ResumeInterventionMutationVariables = Exact<{
  input: ResumeManualInterventionInput;
}>;


export type ResumeInterventionMutation = { __typename?: 'Mutation', resumeManualIntervention: { __typename: 'ConflictError', code: ErrorCode, message: string } | { __typename: 'InvalidTransitionError', code: ErrorCode, message: string } | { __typename: 'NotFoundError', code: ErrorCode, message: string } | { __typename: 'PermissionDeniedError', code: ErrorCode, message: string } | { __typename: 'ResumeManualInterventionPayload', manualIntervention: { __typename?: 'ManualIntervention', id: string, kind: ManualInterventionKind, status: ManualInterventionStatus, instructions: string, approvers: Array<string>, resolution?: string | null, actedBy?: string | null, comment: string, createdOn: string, timeoutAt?: string | null, canAct: boolean, values: Array<{ __typename?: 'KeyValue', name: string, value: string }>, task: { __typename?: 'Task', id: string, name: string, status: TaskStatus, inputs: Array<{ __typename?: 'KeyValue', name: string, value: string }>, viewerCan: { __typename?: 'TaskActions', retry: boolean, ignore: boolean, fixAndContinue: boolean } }, release: { __typename?: 'Release', id: string, name: string } } } | { __typename: 'ValidationError', code: ErrorCode, message: string } };

export type RejectInterventionMutationVariables = Exact<{
  input: RejectManualInterventionInput;
}>;


export type RejectInterventionMutation = { __typename?: 'Mutation', rejectManualIntervention: { __typename: 'ConflictError', code: ErrorCode, message: string } | { __typename: 'InvalidTransitionError', code: ErrorCode, message: string } | { __typename: 'NotFoundError', code: ErrorCode, message: string } | { __typename: 'PermissionDeniedError', code: ErrorCode, message: string } | { __typename: 'RejectManualInterventionPayload', manualIntervention: { __typename?: 'ManualIntervention', id: string, kind: ManualInterventionKind, status: ManualInterventionStatus, instructions: string, approvers: Array<string>, resolution?: string | null, actedBy?: string | null, comment: string, createdOn: string, timeoutAt?: string | null, canAct: boolean, values: Array<{ __typename?: 'KeyValue', name: string, value: string }>, task: { __typename?: 'Task', id: string, name: string, status: TaskStatus, inputs: Array<{ __typename?: 'KeyValue', name: string, value: string }>, viewerCan: { __typename?: 'TaskActions', retry: boolean, ignore: boolean, fixAndContinue: boolean } }, release: { __typename?: 'Release', id: string, name: string } } } | { __typename: 'ValidationError', code: ErrorCode, message: string } };

export type RetryTaskMutationVariables = Exact<{
  input: RetryTaskInput;
}>;


export type RetryTaskMutation = { __typename?: 'Mutation', retryTask: { __typename: 'InvalidTransitionError', code: ErrorCode, message: string } | { __typename: 'NotFoundError', code: ErrorCode, message: string } | { __typename: 'PermissionDeniedError', code: ErrorCode, message: string } | { __typename: 'RetryTaskPayload' } | { __typename: 'ValidationError', code: ErrorCode, message: string } };

export type IgnoreTaskFailureMutationVariables = Exact<{
  input: IgnoreTaskFailureInput;
}>;


export type IgnoreTaskFailureMutation = { __typename?: 'Mutation', ignoreTaskFailure: { __typename: 'IgnoreTaskFailurePayload' } | { __typename: 'InvalidTransitionError', code: ErrorCode, message: string } | { __typename: 'NotFoundError', code: ErrorCode, message: string } | { __typename: 'PermissionDeniedError', code: ErrorCode, message: string } | { __typename: 'ValidationError', code: ErrorCode, message: string } };

export type FixAndContinueMutationVariables = Exact<{
  input: FixAndContinueInput;
}>;


export type FixAndContinueMutation = { __typename?: 'Mutation', fixAndContinue: { __typename: 'FixAndContinuePayload' } | { __typename: 'InvalidTransitionError', code: ErrorCode, message: string } | { __typename: 'NotFoundError', code: ErrorCode, message: string } | { __typename: 'PermissionDeniedError', code: ErrorCode, message: string } | { __typename: 'ValidationError', code: ErrorCode, message: string } };

export const ReleaseRowFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ReleaseRow"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Release"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"executionStatus"}},{"kind":"Field","name":{"kind":"Name","value":"inputRequiredCount"}},{"kind":"Field","name":{"kind":"Name","value":"createdBy"}},{"kind":"Field","name":{"kind":"Name","value":"createdOn"}},{"kind":"Field","name":{"kind":"Name","value":"definition"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"progress"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"done"}},{"kind":"Field","name":{"kind":"Name","value":"total"}},{"kind":"Field","name":{"kind":"Name","value":"percent"}}]}},{"kind":"Field","name":{"kind":"Name","value":"environments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<ReleaseRowFragment, unknown>;
export const ApprovalFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ApprovalFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Approval"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"stage"}},{"kind":"Field","name":{"kind":"Name","value":"rank"}},{"kind":"Field","name":{"kind":"Name","value":"approver"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"gateOverride"}},{"kind":"Field","name":{"kind":"Name","value":"approvedBy"}},{"kind":"Field","name":{"kind":"Name","value":"comment"}},{"kind":"Field","name":{"kind":"Name","value":"createdOn"}},{"kind":"Field","name":{"kind":"Name","value":"modifiedOn"}},{"kind":"Field","name":{"kind":"Name","value":"timeoutAt"}},{"kind":"Field","name":{"kind":"Name","value":"deferUntil"}},{"kind":"Field","name":{"kind":"Name","value":"reassignedFrom"}},{"kind":"Field","name":{"kind":"Name","value":"canApprove"}},{"kind":"Field","name":{"kind":"Name","value":"environmentName"}},{"kind":"Field","name":{"kind":"Name","value":"release"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<ApprovalFieldsFragment, unknown>;
export const InterventionFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"InterventionFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ManualIntervention"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"instructions"}},{"kind":"Field","name":{"kind":"Name","value":"approvers"}},{"kind":"Field","name":{"kind":"Name","value":"resolution"}},{"kind":"Field","name":{"kind":"Name","value":"values"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"actedBy"}},{"kind":"Field","name":{"kind":"Name","value":"comment"}},{"kind":"Field","name":{"kind":"Name","value":"createdOn"}},{"kind":"Field","name":{"kind":"Name","value":"timeoutAt"}},{"kind":"Field","name":{"kind":"Name","value":"canAct"}},{"kind":"Field","name":{"kind":"Name","value":"task"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"inputs"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"viewerCan"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"retry"}},{"kind":"Field","name":{"kind":"Name","value":"ignore"}},{"kind":"Field","name":{"kind":"Name","value":"fixAndContinue"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"release"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<InterventionFieldsFragment, unknown>;
export const AttemptFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AttemptFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"DeploymentAttempt"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"attempt"}},{"kind":"Field","name":{"kind":"Name","value":"environmentName"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"operationStatus"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"requestedBy"}},{"kind":"Field","name":{"kind":"Name","value":"lastModifiedBy"}},{"kind":"Field","name":{"kind":"Name","value":"queuedOn"}},{"kind":"Field","name":{"kind":"Name","value":"scheduledAt"}},{"kind":"Field","name":{"kind":"Name","value":"deferredUntil"}},{"kind":"Field","name":{"kind":"Name","value":"startedOn"}},{"kind":"Field","name":{"kind":"Name","value":"completedOn"}},{"kind":"Field","name":{"kind":"Name","value":"statusReason"}},{"kind":"Field","name":{"kind":"Name","value":"preDeployApprovals"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ApprovalFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"postDeployApprovals"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ApprovalFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"gates"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"stage"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"samples"}},{"kind":"Field","name":{"kind":"Name","value":"nextSampleAt"}},{"kind":"Field","name":{"kind":"Name","value":"timeoutAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastResults"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"passed"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"phases"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"rank"}},{"kind":"Field","name":{"kind":"Name","value":"runOn"}},{"kind":"Field","name":{"kind":"Name","value":"pool"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"agent"}},{"kind":"Field","name":{"kind":"Name","value":"startedOn"}},{"kind":"Field","name":{"kind":"Name","value":"completedOn"}},{"kind":"Field","name":{"kind":"Name","value":"tasks"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"rank"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"carriedOver"}},{"kind":"Field","name":{"kind":"Name","value":"logLineCount"}},{"kind":"Field","name":{"kind":"Name","value":"startedOn"}},{"kind":"Field","name":{"kind":"Name","value":"completedOn"}},{"kind":"Field","name":{"kind":"Name","value":"viewerCan"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"retry"}},{"kind":"Field","name":{"kind":"Name","value":"ignore"}},{"kind":"Field","name":{"kind":"Name","value":"fixAndContinue"}}]}},{"kind":"Field","name":{"kind":"Name","value":"runs"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"agent"}},{"kind":"Field","name":{"kind":"Name","value":"startedOn"}},{"kind":"Field","name":{"kind":"Name","value":"completedOn"}},{"kind":"Field","name":{"kind":"Name","value":"exitCode"}},{"kind":"Field","name":{"kind":"Name","value":"error"}},{"kind":"Field","name":{"kind":"Name","value":"attempt"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"manualInterventions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"InterventionFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ApprovalFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Approval"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"stage"}},{"kind":"Field","name":{"kind":"Name","value":"rank"}},{"kind":"Field","name":{"kind":"Name","value":"approver"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"gateOverride"}},{"kind":"Field","name":{"kind":"Name","value":"approvedBy"}},{"kind":"Field","name":{"kind":"Name","value":"comment"}},{"kind":"Field","name":{"kind":"Name","value":"createdOn"}},{"kind":"Field","name":{"kind":"Name","value":"modifiedOn"}},{"kind":"Field","name":{"kind":"Name","value":"timeoutAt"}},{"kind":"Field","name":{"kind":"Name","value":"deferUntil"}},{"kind":"Field","name":{"kind":"Name","value":"reassignedFrom"}},{"kind":"Field","name":{"kind":"Name","value":"canApprove"}},{"kind":"Field","name":{"kind":"Name","value":"environmentName"}},{"kind":"Field","name":{"kind":"Name","value":"release"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"InterventionFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ManualIntervention"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"instructions"}},{"kind":"Field","name":{"kind":"Name","value":"approvers"}},{"kind":"Field","name":{"kind":"Name","value":"resolution"}},{"kind":"Field","name":{"kind":"Name","value":"values"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"actedBy"}},{"kind":"Field","name":{"kind":"Name","value":"comment"}},{"kind":"Field","name":{"kind":"Name","value":"createdOn"}},{"kind":"Field","name":{"kind":"Name","value":"timeoutAt"}},{"kind":"Field","name":{"kind":"Name","value":"canAct"}},{"kind":"Field","name":{"kind":"Name","value":"task"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"inputs"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"viewerCan"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"retry"}},{"kind":"Field","name":{"kind":"Name","value":"ignore"}},{"kind":"Field","name":{"kind":"Name","value":"fixAndContinue"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"release"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<AttemptFieldsFragment, unknown>;
export const ReleaseDetailFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ReleaseDetail"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Release"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"executionStatus"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"createdBy"}},{"kind":"Field","name":{"kind":"Name","value":"createdOn"}},{"kind":"Field","name":{"kind":"Name","value":"modifiedOn"}},{"kind":"Field","name":{"kind":"Name","value":"scheduledStartTime"}},{"kind":"Field","name":{"kind":"Name","value":"startedOn"}},{"kind":"Field","name":{"kind":"Name","value":"completedOn"}},{"kind":"Field","name":{"kind":"Name","value":"inputRequiredCount"}},{"kind":"Field","name":{"kind":"Name","value":"viewerCan"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"start"}},{"kind":"Field","name":{"kind":"Name","value":"schedule"}},{"kind":"Field","name":{"kind":"Name","value":"abandon"}}]}},{"kind":"Field","name":{"kind":"Name","value":"variables"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"artifacts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"definition"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"progress"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"done"}},{"kind":"Field","name":{"kind":"Name","value":"total"}},{"kind":"Field","name":{"kind":"Name","value":"percent"}}]}},{"kind":"Field","name":{"kind":"Name","value":"environments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"rank"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"skipped"}},{"kind":"Field","name":{"kind":"Name","value":"nextScheduledTime"}},{"kind":"Field","name":{"kind":"Name","value":"trigger"}},{"kind":"Field","name":{"kind":"Name","value":"dependsOn"}},{"kind":"Field","name":{"kind":"Name","value":"critical"}},{"kind":"Field","name":{"kind":"Name","value":"viewerCan"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deploy"}},{"kind":"Field","name":{"kind":"Name","value":"cancel"}}]}},{"kind":"Field","name":{"kind":"Name","value":"latestAttempt"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"attempts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AttemptFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ApprovalFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Approval"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"stage"}},{"kind":"Field","name":{"kind":"Name","value":"rank"}},{"kind":"Field","name":{"kind":"Name","value":"approver"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"gateOverride"}},{"kind":"Field","name":{"kind":"Name","value":"approvedBy"}},{"kind":"Field","name":{"kind":"Name","value":"comment"}},{"kind":"Field","name":{"kind":"Name","value":"createdOn"}},{"kind":"Field","name":{"kind":"Name","value":"modifiedOn"}},{"kind":"Field","name":{"kind":"Name","value":"timeoutAt"}},{"kind":"Field","name":{"kind":"Name","value":"deferUntil"}},{"kind":"Field","name":{"kind":"Name","value":"reassignedFrom"}},{"kind":"Field","name":{"kind":"Name","value":"canApprove"}},{"kind":"Field","name":{"kind":"Name","value":"environmentName"}},{"kind":"Field","name":{"kind":"Name","value":"release"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"InterventionFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ManualIntervention"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"instructions"}},{"kind":"Field","name":{"kind":"Name","value":"approvers"}},{"kind":"Field","name":{"kind":"Name","value":"resolution"}},{"kind":"Field","name":{"kind":"Name","value":"values"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"actedBy"}},{"kind":"Field","name":{"kind":"Name","value":"comment"}},{"kind":"Field","name":{"kind":"Name","value":"createdOn"}},{"kind":"Field","name":{"kind":"Name","value":"timeoutAt"}},{"kind":"Field","name":{"kind":"Name","value":"canAct"}},{"kind":"Field","name":{"kind":"Name","value":"task"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"inputs"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"viewerCan"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"retry"}},{"kind":"Field","name":{"kind":"Name","value":"ignore"}},{"kind":"Field","name":{"kind":"Name","value":"fixAndContinue"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"release"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AttemptFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"DeploymentAttempt"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"attempt"}},{"kind":"Field","name":{"kind":"Name","value":"environmentName"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"operationStatus"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"requestedBy"}},{"kind":"Field","name":{"kind":"Name","value":"lastModifiedBy"}},{"kind":"Field","name":{"kind":"Name","value":"queuedOn"}},{"kind":"Field","name":{"kind":"Name","value":"scheduledAt"}},{"kind":"Field","name":{"kind":"Name","value":"deferredUntil"}},{"kind":"Field","name":{"kind":"Name","value":"startedOn"}},{"kind":"Field","name":{"kind":"Name","value":"completedOn"}},{"kind":"Field","name":{"kind":"Name","value":"statusReason"}},{"kind":"Field","name":{"kind":"Name","value":"preDeployApprovals"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ApprovalFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"postDeployApprovals"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ApprovalFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"gates"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"stage"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"samples"}},{"kind":"Field","name":{"kind":"Name","value":"nextSampleAt"}},{"kind":"Field","name":{"kind":"Name","value":"timeoutAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastResults"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"passed"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"phases"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"rank"}},{"kind":"Field","name":{"kind":"Name","value":"runOn"}},{"kind":"Field","name":{"kind":"Name","value":"pool"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"agent"}},{"kind":"Field","name":{"kind":"Name","value":"startedOn"}},{"kind":"Field","name":{"kind":"Name","value":"completedOn"}},{"kind":"Field","name":{"kind":"Name","value":"tasks"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"rank"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"carriedOver"}},{"kind":"Field","name":{"kind":"Name","value":"logLineCount"}},{"kind":"Field","name":{"kind":"Name","value":"startedOn"}},{"kind":"Field","name":{"kind":"Name","value":"completedOn"}},{"kind":"Field","name":{"kind":"Name","value":"viewerCan"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"retry"}},{"kind":"Field","name":{"kind":"Name","value":"ignore"}},{"kind":"Field","name":{"kind":"Name","value":"fixAndContinue"}}]}},{"kind":"Field","name":{"kind":"Name","value":"runs"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"agent"}},{"kind":"Field","name":{"kind":"Name","value":"startedOn"}},{"kind":"Field","name":{"kind":"Name","value":"completedOn"}},{"kind":"Field","name":{"kind":"Name","value":"exitCode"}},{"kind":"Field","name":{"kind":"Name","value":"error"}},{"kind":"Field","name":{"kind":"Name","value":"attempt"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"manualInterventions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"InterventionFields"}}]}}]}}]}}]} as unknown as DocumentNode<ReleaseDetailFragment, unknown>;
export const ViewerDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Viewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"viewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"groups"}}]}}]}}]} as unknown as DocumentNode<ViewerQuery, ViewerQueryVariables>;
export const ReleasesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Releases"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ReleaseFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"orderBy"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ReleaseOrder"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"releases"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"orderBy"},"value":{"kind":"Variable","name":{"kind":"Name","value":"orderBy"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ReleaseRow"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ReleaseRow"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Release"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"executionStatus"}},{"kind":"Field","name":{"kind":"Name","value":"inputRequiredCount"}},{"kind":"Field","name":{"kind":"Name","value":"createdBy"}},{"kind":"Field","name":{"kind":"Name","value":"createdOn"}},{"kind":"Field","name":{"kind":"Name","value":"definition"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"progress"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"done"}},{"kind":"Field","name":{"kind":"Name","value":"total"}},{"kind":"Field","name":{"kind":"Name","value":"percent"}}]}},{"kind":"Field","name":{"kind":"Name","value":"environments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<ReleasesQuery, ReleasesQueryVariables>;
export const ReleasesUpdatedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"ReleasesUpdated"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ReleaseFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"releasesUpdated"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ReleaseRow"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ReleaseRow"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Release"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"executionStatus"}},{"kind":"Field","name":{"kind":"Name","value":"inputRequiredCount"}},{"kind":"Field","name":{"kind":"Name","value":"createdBy"}},{"kind":"Field","name":{"kind":"Name","value":"createdOn"}},{"kind":"Field","name":{"kind":"Name","value":"definition"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"progress"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"done"}},{"kind":"Field","name":{"kind":"Name","value":"total"}},{"kind":"Field","name":{"kind":"Name","value":"percent"}}]}},{"kind":"Field","name":{"kind":"Name","value":"environments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<ReleasesUpdatedSubscription, ReleasesUpdatedSubscriptionVariables>;
export const DefinitionsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Definitions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"releaseDefinitions"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"revision"}},{"kind":"Field","name":{"kind":"Name","value":"releaseCount"}},{"kind":"Field","name":{"kind":"Name","value":"variables"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"environments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"trigger"}},{"kind":"Field","name":{"kind":"Name","value":"dependsOn"}},{"kind":"Field","name":{"kind":"Name","value":"critical"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<DefinitionsQuery, DefinitionsQueryVariables>;
export const ReleaseUpdatedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"ReleaseUpdated"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"releaseUpdated"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ReleaseDetail"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ApprovalFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Approval"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"stage"}},{"kind":"Field","name":{"kind":"Name","value":"rank"}},{"kind":"Field","name":{"kind":"Name","value":"approver"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"gateOverride"}},{"kind":"Field","name":{"kind":"Name","value":"approvedBy"}},{"kind":"Field","name":{"kind":"Name","value":"comment"}},{"kind":"Field","name":{"kind":"Name","value":"createdOn"}},{"kind":"Field","name":{"kind":"Name","value":"modifiedOn"}},{"kind":"Field","name":{"kind":"Name","value":"timeoutAt"}},{"kind":"Field","name":{"kind":"Name","value":"deferUntil"}},{"kind":"Field","name":{"kind":"Name","value":"reassignedFrom"}},{"kind":"Field","name":{"kind":"Name","value":"canApprove"}},{"kind":"Field","name":{"kind":"Name","value":"environmentName"}},{"kind":"Field","name":{"kind":"Name","value":"release"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"InterventionFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ManualIntervention"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"instructions"}},{"kind":"Field","name":{"kind":"Name","value":"approvers"}},{"kind":"Field","name":{"kind":"Name","value":"resolution"}},{"kind":"Field","name":{"kind":"Name","value":"values"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"actedBy"}},{"kind":"Field","name":{"kind":"Name","value":"comment"}},{"kind":"Field","name":{"kind":"Name","value":"createdOn"}},{"kind":"Field","name":{"kind":"Name","value":"timeoutAt"}},{"kind":"Field","name":{"kind":"Name","value":"canAct"}},{"kind":"Field","name":{"kind":"Name","value":"task"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"inputs"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"viewerCan"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"retry"}},{"kind":"Field","name":{"kind":"Name","value":"ignore"}},{"kind":"Field","name":{"kind":"Name","value":"fixAndContinue"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"release"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AttemptFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"DeploymentAttempt"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"attempt"}},{"kind":"Field","name":{"kind":"Name","value":"environmentName"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"operationStatus"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"requestedBy"}},{"kind":"Field","name":{"kind":"Name","value":"lastModifiedBy"}},{"kind":"Field","name":{"kind":"Name","value":"queuedOn"}},{"kind":"Field","name":{"kind":"Name","value":"scheduledAt"}},{"kind":"Field","name":{"kind":"Name","value":"deferredUntil"}},{"kind":"Field","name":{"kind":"Name","value":"startedOn"}},{"kind":"Field","name":{"kind":"Name","value":"completedOn"}},{"kind":"Field","name":{"kind":"Name","value":"statusReason"}},{"kind":"Field","name":{"kind":"Name","value":"preDeployApprovals"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ApprovalFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"postDeployApprovals"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ApprovalFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"gates"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"stage"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"samples"}},{"kind":"Field","name":{"kind":"Name","value":"nextSampleAt"}},{"kind":"Field","name":{"kind":"Name","value":"timeoutAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastResults"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"passed"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"phases"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"rank"}},{"kind":"Field","name":{"kind":"Name","value":"runOn"}},{"kind":"Field","name":{"kind":"Name","value":"pool"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"agent"}},{"kind":"Field","name":{"kind":"Name","value":"startedOn"}},{"kind":"Field","name":{"kind":"Name","value":"completedOn"}},{"kind":"Field","name":{"kind":"Name","value":"tasks"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"rank"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"carriedOver"}},{"kind":"Field","name":{"kind":"Name","value":"logLineCount"}},{"kind":"Field","name":{"kind":"Name","value":"startedOn"}},{"kind":"Field","name":{"kind":"Name","value":"completedOn"}},{"kind":"Field","name":{"kind":"Name","value":"viewerCan"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"retry"}},{"kind":"Field","name":{"kind":"Name","value":"ignore"}},{"kind":"Field","name":{"kind":"Name","value":"fixAndContinue"}}]}},{"kind":"Field","name":{"kind":"Name","value":"runs"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"agent"}},{"kind":"Field","name":{"kind":"Name","value":"startedOn"}},{"kind":"Field","name":{"kind":"Name","value":"completedOn"}},{"kind":"Field","name":{"kind":"Name","value":"exitCode"}},{"kind":"Field","name":{"kind":"Name","value":"error"}},{"kind":"Field","name":{"kind":"Name","value":"attempt"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"manualInterventions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"InterventionFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ReleaseDetail"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Release"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"executionStatus"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"createdBy"}},{"kind":"Field","name":{"kind":"Name","value":"createdOn"}},{"kind":"Field","name":{"kind":"Name","value":"modifiedOn"}},{"kind":"Field","name":{"kind":"Name","value":"scheduledStartTime"}},{"kind":"Field","name":{"kind":"Name","value":"startedOn"}},{"kind":"Field","name":{"kind":"Name","value":"completedOn"}},{"kind":"Field","name":{"kind":"Name","value":"inputRequiredCount"}},{"kind":"Field","name":{"kind":"Name","value":"viewerCan"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"start"}},{"kind":"Field","name":{"kind":"Name","value":"schedule"}},{"kind":"Field","name":{"kind":"Name","value":"abandon"}}]}},{"kind":"Field","name":{"kind":"Name","value":"variables"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"artifacts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"definition"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"progress"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"done"}},{"kind":"Field","name":{"kind":"Name","value":"total"}},{"kind":"Field","name":{"kind":"Name","value":"percent"}}]}},{"kind":"Field","name":{"kind":"Name","value":"environments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"rank"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"skipped"}},{"kind":"Field","name":{"kind":"Name","value":"nextScheduledTime"}},{"kind":"Field","name":{"kind":"Name","value":"trigger"}},{"kind":"Field","name":{"kind":"Name","value":"dependsOn"}},{"kind":"Field","name":{"kind":"Name","value":"critical"}},{"kind":"Field","name":{"kind":"Name","value":"viewerCan"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deploy"}},{"kind":"Field","name":{"kind":"Name","value":"cancel"}}]}},{"kind":"Field","name":{"kind":"Name","value":"latestAttempt"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"attempts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AttemptFields"}}]}}]}}]}}]} as unknown as DocumentNode<ReleaseUpdatedSubscription, ReleaseUpdatedSubscriptionVariables>;
export const TaskInfoDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"TaskInfo"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Task"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"logLineCount"}},{"kind":"Field","name":{"kind":"Name","value":"startedOn"}},{"kind":"Field","name":{"kind":"Name","value":"completedOn"}}]}}]}}]}}]} as unknown as DocumentNode<TaskInfoQuery, TaskInfoQueryVariables>;
export const TaskChangedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"TaskChanged"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"releaseId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"releaseUpdated"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"releaseId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]}}]} as unknown as DocumentNode<TaskChangedSubscription, TaskChangedSubscriptionVariables>;
export const TaskTailDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"TaskTail"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"last"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Task"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"logTail"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"last"},"value":{"kind":"Variable","name":{"kind":"Name","value":"last"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"line"}},{"kind":"Field","name":{"kind":"Name","value":"stream"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"runNumber"}}]}}]}}]}}]}}]} as unknown as DocumentNode<TaskTailQuery, TaskTailQueryVariables>;
export const TaskLogDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"TaskLog"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"taskId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"afterLine"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"taskLog"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"taskId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"taskId"}}},{"kind":"Argument","name":{"kind":"Name","value":"afterLine"},"value":{"kind":"Variable","name":{"kind":"Name","value":"afterLine"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"line"}},{"kind":"Field","name":{"kind":"Name","value":"stream"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"runNumber"}}]}}]}}]} as unknown as DocumentNode<TaskLogSubscription, TaskLogSubscriptionVariables>;
export const ReleaseEventsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"ReleaseEvents"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"releaseId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"releaseEvents"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"releaseId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"releaseId"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"seq"}},{"kind":"Field","name":{"kind":"Name","value":"entity"}},{"kind":"Field","name":{"kind":"Name","value":"entityId"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"fromStatus"}},{"kind":"Field","name":{"kind":"Name","value":"toStatus"}},{"kind":"Field","name":{"kind":"Name","value":"fromOperationStatus"}},{"kind":"Field","name":{"kind":"Name","value":"toOperationStatus"}},{"kind":"Field","name":{"kind":"Name","value":"actor"}},{"kind":"Field","name":{"kind":"Name","value":"at"}}]}}]}}]} as unknown as DocumentNode<ReleaseEventsSubscription, ReleaseEventsSubscriptionVariables>;
export const InputRequiredDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"InputRequired"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"inputRequired"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"count"}},{"kind":"Field","name":{"kind":"Name","value":"approvals"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ApprovalFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"manualInterventions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"InterventionFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ApprovalFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Approval"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"stage"}},{"kind":"Field","name":{"kind":"Name","value":"rank"}},{"kind":"Field","name":{"kind":"Name","value":"approver"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"gateOverride"}},{"kind":"Field","name":{"kind":"Name","value":"approvedBy"}},{"kind":"Field","name":{"kind":"Name","value":"comment"}},{"kind":"Field","name":{"kind":"Name","value":"createdOn"}},{"kind":"Field","name":{"kind":"Name","value":"modifiedOn"}},{"kind":"Field","name":{"kind":"Name","value":"timeoutAt"}},{"kind":"Field","name":{"kind":"Name","value":"deferUntil"}},{"kind":"Field","name":{"kind":"Name","value":"reassignedFrom"}},{"kind":"Field","name":{"kind":"Name","value":"canApprove"}},{"kind":"Field","name":{"kind":"Name","value":"environmentName"}},{"kind":"Field","name":{"kind":"Name","value":"release"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"InterventionFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ManualIntervention"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"instructions"}},{"kind":"Field","name":{"kind":"Name","value":"approvers"}},{"kind":"Field","name":{"kind":"Name","value":"resolution"}},{"kind":"Field","name":{"kind":"Name","value":"values"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"actedBy"}},{"kind":"Field","name":{"kind":"Name","value":"comment"}},{"kind":"Field","name":{"kind":"Name","value":"createdOn"}},{"kind":"Field","name":{"kind":"Name","value":"timeoutAt"}},{"kind":"Field","name":{"kind":"Name","value":"canAct"}},{"kind":"Field","name":{"kind":"Name","value":"task"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"inputs"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"viewerCan"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"retry"}},{"kind":"Field","name":{"kind":"Name","value":"ignore"}},{"kind":"Field","name":{"kind":"Name","value":"fixAndContinue"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"release"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<InputRequiredSubscription, InputRequiredSubscriptionVariables>;
export const AgentsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Agents"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"agents"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"pool"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"remote"}},{"kind":"Field","name":{"kind":"Name","value":"process"}},{"kind":"Field","name":{"kind":"Name","value":"capacity"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"busy"}},{"kind":"Field","name":{"kind":"Name","value":"lastSeen"}},{"kind":"Field","name":{"kind":"Name","value":"capabilities"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"currentPhase"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"agentQueue"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"releaseId"}},{"kind":"Field","name":{"kind":"Name","value":"releaseName"}},{"kind":"Field","name":{"kind":"Name","value":"environmentName"}},{"kind":"Field","name":{"kind":"Name","value":"waitingSince"}},{"kind":"Field","name":{"kind":"Name","value":"phase"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"pool"}}]}}]}}]}}]} as unknown as DocumentNode<AgentsQuery, AgentsQueryVariables>;
export const ApprovalNodeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ApprovalNode"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Approval"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ApprovalFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ApprovalFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Approval"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"stage"}},{"kind":"Field","name":{"kind":"Name","value":"rank"}},{"kind":"Field","name":{"kind":"Name","value":"approver"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"gateOverride"}},{"kind":"Field","name":{"kind":"Name","value":"approvedBy"}},{"kind":"Field","name":{"kind":"Name","value":"comment"}},{"kind":"Field","name":{"kind":"Name","value":"createdOn"}},{"kind":"Field","name":{"kind":"Name","value":"modifiedOn"}},{"kind":"Field","name":{"kind":"Name","value":"timeoutAt"}},{"kind":"Field","name":{"kind":"Name","value":"deferUntil"}},{"kind":"Field","name":{"kind":"Name","value":"reassignedFrom"}},{"kind":"Field","name":{"kind":"Name","value":"canApprove"}},{"kind":"Field","name":{"kind":"Name","value":"environmentName"}},{"kind":"Field","name":{"kind":"Name","value":"release"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<ApprovalNodeQuery, ApprovalNodeQueryVariables>;
export const InterventionNodeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"InterventionNode"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ManualIntervention"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"InterventionFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"InterventionFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ManualIntervention"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"instructions"}},{"kind":"Field","name":{"kind":"Name","value":"approvers"}},{"kind":"Field","name":{"kind":"Name","value":"resolution"}},{"kind":"Field","name":{"kind":"Name","value":"values"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"actedBy"}},{"kind":"Field","name":{"kind":"Name","value":"comment"}},{"kind":"Field","name":{"kind":"Name","value":"createdOn"}},{"kind":"Field","name":{"kind":"Name","value":"timeoutAt"}},{"kind":"Field","name":{"kind":"Name","value":"canAct"}},{"kind":"Field","name":{"kind":"Name","value":"task"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"inputs"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"viewerCan"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"retry"}},{"kind":"Field","name":{"kind":"Name","value":"ignore"}},{"kind":"Field","name":{"kind":"Name","value":"fixAndContinue"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"release"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<InterventionNodeQuery, InterventionNodeQueryVariables>;
export const CreateReleaseDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateRelease"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateReleaseInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createRelease"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CreateReleasePayload"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"release"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<CreateReleaseMutation, CreateReleaseMutationVariables>;
export const StartReleaseDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"StartRelease"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"StartReleaseInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"startRelease"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<StartReleaseMutation, StartReleaseMutationVariables>;
export const ScheduleReleaseDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ScheduleRelease"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ScheduleReleaseInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"scheduleRelease"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<ScheduleReleaseMutation, ScheduleReleaseMutationVariables>;
export const AbandonReleaseDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AbandonRelease"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AbandonReleaseInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"abandonRelease"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<AbandonReleaseMutation, AbandonReleaseMutationVariables>;
export const DeployEnvironmentDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeployEnvironment"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DeployEnvironmentInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deployEnvironment"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<DeployEnvironmentMutation, DeployEnvironmentMutationVariables>;
export const CancelDeploymentDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CancelDeployment"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CancelDeploymentInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cancelDeployment"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<CancelDeploymentMutation, CancelDeploymentMutationVariables>;
export const ApproveDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Approve"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ApproveInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"approve"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ApprovePayload"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"approval"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ApprovalFields"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ApprovalFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Approval"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"stage"}},{"kind":"Field","name":{"kind":"Name","value":"rank"}},{"kind":"Field","name":{"kind":"Name","value":"approver"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"gateOverride"}},{"kind":"Field","name":{"kind":"Name","value":"approvedBy"}},{"kind":"Field","name":{"kind":"Name","value":"comment"}},{"kind":"Field","name":{"kind":"Name","value":"createdOn"}},{"kind":"Field","name":{"kind":"Name","value":"modifiedOn"}},{"kind":"Field","name":{"kind":"Name","value":"timeoutAt"}},{"kind":"Field","name":{"kind":"Name","value":"deferUntil"}},{"kind":"Field","name":{"kind":"Name","value":"reassignedFrom"}},{"kind":"Field","name":{"kind":"Name","value":"canApprove"}},{"kind":"Field","name":{"kind":"Name","value":"environmentName"}},{"kind":"Field","name":{"kind":"Name","value":"release"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<ApproveMutation, ApproveMutationVariables>;
export const ReassignApprovalDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ReassignApproval"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ReassignApprovalInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reassignApproval"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<ReassignApprovalMutation, ReassignApprovalMutationVariables>;
export const RejectDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Reject"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RejectInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reject"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"RejectPayload"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"approval"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ApprovalFields"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ApprovalFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Approval"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"stage"}},{"kind":"Field","name":{"kind":"Name","value":"rank"}},{"kind":"Field","name":{"kind":"Name","value":"approver"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"gateOverride"}},{"kind":"Field","name":{"kind":"Name","value":"approvedBy"}},{"kind":"Field","name":{"kind":"Name","value":"comment"}},{"kind":"Field","name":{"kind":"Name","value":"createdOn"}},{"kind":"Field","name":{"kind":"Name","value":"modifiedOn"}},{"kind":"Field","name":{"kind":"Name","value":"timeoutAt"}},{"kind":"Field","name":{"kind":"Name","value":"deferUntil"}},{"kind":"Field","name":{"kind":"Name","value":"reassignedFrom"}},{"kind":"Field","name":{"kind":"Name","value":"canApprove"}},{"kind":"Field","name":{"kind":"Name","value":"environmentName"}},{"kind":"Field","name":{"kind":"Name","value":"release"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<RejectMutation, RejectMutationVariables>;
export const ResumeInterventionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ResumeIntervention"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ResumeManualInterventionInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"resumeManualIntervention"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ResumeManualInterventionPayload"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"manualIntervention"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"InterventionFields"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"InterventionFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ManualIntervention"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"instructions"}},{"kind":"Field","name":{"kind":"Name","value":"approvers"}},{"kind":"Field","name":{"kind":"Name","value":"resolution"}},{"kind":"Field","name":{"kind":"Name","value":"values"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"actedBy"}},{"kind":"Field","name":{"kind":"Name","value":"comment"}},{"kind":"Field","name":{"kind":"Name","value":"createdOn"}},{"kind":"Field","name":{"kind":"Name","value":"timeoutAt"}},{"kind":"Field","name":{"kind":"Name","value":"canAct"}},{"kind":"Field","name":{"kind":"Name","value":"task"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"inputs"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"viewerCan"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"retry"}},{"kind":"Field","name":{"kind":"Name","value":"ignore"}},{"kind":"Field","name":{"kind":"Name","value":"fixAndContinue"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"release"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<ResumeInterventionMutation, ResumeInterventionMutationVariables>;
export const RejectInterventionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RejectIntervention"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RejectManualInterventionInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rejectManualIntervention"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"RejectManualInterventionPayload"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"manualIntervention"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"InterventionFields"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"InterventionFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ManualIntervention"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"instructions"}},{"kind":"Field","name":{"kind":"Name","value":"approvers"}},{"kind":"Field","name":{"kind":"Name","value":"resolution"}},{"kind":"Field","name":{"kind":"Name","value":"values"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"actedBy"}},{"kind":"Field","name":{"kind":"Name","value":"comment"}},{"kind":"Field","name":{"kind":"Name","value":"createdOn"}},{"kind":"Field","name":{"kind":"Name","value":"timeoutAt"}},{"kind":"Field","name":{"kind":"Name","value":"canAct"}},{"kind":"Field","name":{"kind":"Name","value":"task"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"inputs"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"viewerCan"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"retry"}},{"kind":"Field","name":{"kind":"Name","value":"ignore"}},{"kind":"Field","name":{"kind":"Name","value":"fixAndContinue"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"release"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<RejectInterventionMutation, RejectInterventionMutationVariables>;
export const RetryTaskDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RetryTask"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RetryTaskInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"retryTask"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<RetryTaskMutation, RetryTaskMutationVariables>;
export const IgnoreTaskFailureDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"IgnoreTaskFailure"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"IgnoreTaskFailureInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ignoreTaskFailure"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<IgnoreTaskFailureMutation, IgnoreTaskFailureMutationVariables>;
export const FixAndContinueDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"FixAndContinue"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"FixAndContinueInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fixAndContinue"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<FixAndContinueMutation, FixAndContinueMutationVariables>;