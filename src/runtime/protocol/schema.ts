/**
 * The runtime form of the shape file: what the generator emits for each structure and operation, and
 * what the validator, the marshaller and the unmarshaller walk. Plain data, so an operation that an
 * app never calls tree-shakes away with its shapes.
 */
import type { AmazonServiceExceptionClass } from '../errors/AmazonServiceException.js';
import type { ResponseHttpInfo } from './AmazonWebServiceResponse.js';

/** Constraints shared by every member kind. */
interface MemberBase {
  readonly required?: boolean;
  /** Never echoed in messages, logs or `util.inspect` output. */
  readonly sensitive?: boolean;
}

/*
 * Only the constraints botocore's ParamValidator checks before sending are here: required members,
 * types, unknown members and minimums. Maximums, patterns and enum values are the service's to judge
 * (tools/generate.mjs says why).
 */

export interface StringMember extends MemberBase {
  readonly kind: 'string';
  /** The least length, in Unicode code points, as Smithy's `@length` counts them. */
  readonly min?: number;
  /** Filled with a fresh UUID v4 when the caller leaves it unset (Smithy `@idempotencyToken`). */
  readonly idempotencyToken?: boolean;
}

export interface BooleanMember extends MemberBase {
  readonly kind: 'boolean';
}

export interface NumberMember extends MemberBase {
  readonly kind: 'integer' | 'long' | 'double';
  readonly min?: number;
}

/** Epoch seconds on the wire (awsJson1_1), `Date` in the model. */
export interface TimestampMember extends MemberBase {
  readonly kind: 'timestamp';
}

/** Base64 on the wire, `Uint8Array` in the model. */
export interface BlobMember extends MemberBase {
  readonly kind: 'blob';
}

export interface StructureMember extends MemberBase {
  readonly kind: 'structure';
  readonly shape: StructureShape;
}

export interface ListMember extends MemberBase {
  readonly kind: 'list';
  readonly member: MemberShape;
  readonly min?: number;
}

export interface MapMember extends MemberBase {
  readonly kind: 'map';
  readonly key: StringMember;
  readonly value: MemberShape;
}

export type MemberShape =
  | StringMember
  | BooleanMember
  | NumberMember
  | TimestampMember
  | BlobMember
  | StructureMember
  | ListMember
  | MapMember;

export interface StructureShape {
  /** The shape's name, as .NET names the class (`RotateSecretRequest`). */
  readonly name: string;
  readonly members: Readonly<Record<string, MemberShape>>;
  /** Makes the model object a nested structure is read into, where it is a class of its own (one with sensitive members). */
  readonly create?: () => object;
}

/** One operation of the service, as data. */
export interface OperationShape<Request = unknown, Response = unknown> {
  /** The operation name (`RotateSecret`). */
  readonly name: string;
  /** The `X-Amz-Target` header value (`secretsmanager.RotateSecret`). */
  readonly target: string;
  readonly input: StructureShape;
  readonly output: StructureShape;
  /** Wire error code → exception class, for the errors this operation documents. */
  readonly errors: Readonly<Record<string, AmazonServiceExceptionClass>>;
  /** Builds the typed response from the unmarshalled members and the HTTP metadata. */
  readonly createResponse: (members: Record<string, unknown>, http: ResponseHttpInfo) => Response;
  /** Phantom field that carries the request type to `invoke`. */
  readonly requestType?: Request;
}

/** The inputs of a service's endpoint rules (Smithy's built-ins). */
export interface EndpointParameters {
  Region?: string | undefined;
  UseFIPS?: boolean;
  UseDualStack?: boolean;
  Endpoint?: string | undefined;
}

/** The service-wide facts the client needs on every call. */
export interface ServiceShape {
  readonly sdkId: string;
  readonly apiVersion: string;
  /** `application/x-amz-json-1.1` for awsJson1_1. */
  readonly contentType: string;
  readonly signingName: string;
  readonly endpointPrefix: string;
  /** What any error code the operation does not document becomes. */
  readonly exception: AmazonServiceExceptionClass;
  /** The service's endpoint rules, compiled from the official rule set. */
  readonly resolveEndpoint: (parameters: EndpointParameters) => { readonly url?: string | undefined; readonly error?: string | undefined };
}
