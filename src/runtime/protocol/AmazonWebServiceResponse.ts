/** Mirrors .NET's `Amazon.Runtime.ResponseMetadata`. */
export interface ResponseMetadata {
  /** The `x-amzn-RequestId` of the response; quote it to AWS Support. */
  readonly RequestId: string | undefined;
  /** Further response metadata; empty for this service. */
  readonly Metadata: Readonly<Record<string, string>>;
  /** How many requests the call sent, the successful one included. */
  readonly Attempts: number;
  /** Milliseconds the call spent waiting between attempts. */
  readonly TotalRetryDelay: number;
}

/** The HTTP facts every response carries. */
export interface ResponseHttpInfo {
  HttpStatusCode: number;
  ContentLength: number;
  ResponseMetadata: ResponseMetadata;
}

/**
 * Base of every response class. Mirrors .NET's `Amazon.Runtime.AmazonWebServiceResponse`: the
 * modelled members sit beside the HTTP status, the body length and the request id.
 */
export class AmazonWebServiceResponse implements ResponseHttpInfo {
  /** The HTTP status code of the response (200 on success). */
  HttpStatusCode: number;
  /** The length of the response body in bytes. */
  ContentLength: number;
  ResponseMetadata: ResponseMetadata;

  /** The client fills all three; a stub built in a test may leave them out (as .NET's defaults: 0 and no id). */
  constructor(http: Partial<ResponseHttpInfo> = {}) {
    this.HttpStatusCode = http.HttpStatusCode ?? 0;
    this.ContentLength = http.ContentLength ?? 0;
    this.ResponseMetadata = http.ResponseMetadata ?? { RequestId: undefined, Metadata: {}, Attempts: 0, TotalRetryDelay: 0 };
  }
}
