/**
 * The JSON a database secret holds, as Secrets Manager documents it for Amazon RDS, Aurora, Redshift
 * and DocumentDB (https://docs.aws.amazon.com/secretsmanager/latest/userguide/reference_secret_json_structure.html)
 * and AWS's rotation templates read it. Keys of your own are kept through a rotation.
 */
export interface DatabaseSecret {
  /** `postgres`, `mysql`, `mariadb`, `oracle`, `sqlserver`, `redshift`, `mongo`, ... */
  engine: string;
  host: string;
  username: string;
  password: string;
  /** The database to connect to; the engine's default when absent. */
  dbname?: string;
  /** The engine's port when absent; AWS's templates also accept it as a string. */
  port?: number | string;
  /** The ARN of a superuser's secret, for the alternating-users strategy. */
  masterarn?: string;
  [key: string]: unknown;
}
