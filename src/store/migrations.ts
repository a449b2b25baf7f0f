/** Numbered schema migrations, one list per dialect, applied in order at start (never edited once released). */
export interface Migration {
  version: number;
  sqlite: string;
  postgres: string;
}

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    sqlite: `
      CREATE TABLE scenarios (id TEXT PRIMARY KEY, name TEXT NOT NULL, version INTEGER NOT NULL,
        created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
      CREATE TABLE scenario_versions (scenario_id TEXT NOT NULL REFERENCES scenarios(id), version INTEGER NOT NULL,
        name TEXT NOT NULL, body TEXT NOT NULL, west REAL, south REAL, east REAL, north REAL, created_at TEXT NOT NULL,
        PRIMARY KEY (scenario_id, version));
      CREATE TABLE jobs (id TEXT PRIMARY KEY, kind TEXT NOT NULL, scenario_id TEXT NOT NULL REFERENCES scenarios(id),
        scenario_version INTEGER NOT NULL, params TEXT NOT NULL, state TEXT NOT NULL, progress REAL NOT NULL,
        result_id TEXT, error TEXT, created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
      CREATE INDEX jobs_state ON jobs(state);
      CREATE TABLE track_files (id TEXT PRIMARY KEY, job_id TEXT NOT NULL REFERENCES jobs(id), name TEXT NOT NULL,
        path TEXT NOT NULL, size INTEGER NOT NULL, sha256 TEXT NOT NULL);
      CREATE INDEX track_files_job ON track_files(job_id);
      CREATE TABLE results (id TEXT PRIMARY KEY, kind TEXT NOT NULL, scenario_id TEXT NOT NULL REFERENCES scenarios(id),
        scenario_version INTEGER NOT NULL, job_id TEXT, body TEXT NOT NULL, summary TEXT NOT NULL, created_at TEXT NOT NULL);
      CREATE TABLE tokens (id TEXT PRIMARY KEY, name TEXT NOT NULL, role TEXT NOT NULL, hash TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL, revoked_at TEXT);
      CREATE TABLE situation_items (scenario_id TEXT NOT NULL REFERENCES scenarios(id), kind TEXT NOT NULL,
        item_id TEXT NOT NULL, body TEXT NOT NULL, revision INTEGER NOT NULL, updated_at TEXT NOT NULL,
        updated_by TEXT NOT NULL, PRIMARY KEY (scenario_id, kind, item_id));
      CREATE TABLE situation_history (scenario_id TEXT NOT NULL, kind TEXT NOT NULL, item_id TEXT NOT NULL,
        revision INTEGER NOT NULL, action TEXT NOT NULL, body TEXT, changed_at TEXT NOT NULL, changed_by TEXT NOT NULL,
        PRIMARY KEY (scenario_id, kind, item_id, revision));
    `,
    postgres: `
      CREATE EXTENSION IF NOT EXISTS postgis;
      CREATE TABLE scenarios (id TEXT PRIMARY KEY, name TEXT NOT NULL, version INTEGER NOT NULL,
        created_at TIMESTAMPTZ NOT NULL, updated_at TIMESTAMPTZ NOT NULL);
      CREATE TABLE scenario_versions (scenario_id TEXT NOT NULL REFERENCES scenarios(id), version INTEGER NOT NULL,
        name TEXT NOT NULL, body JSON NOT NULL, bbox geometry(Polygon, 4326), created_at TIMESTAMPTZ NOT NULL,
        PRIMARY KEY (scenario_id, version));
      CREATE INDEX scenario_versions_bbox ON scenario_versions USING GIST (bbox);
      CREATE TABLE jobs (id TEXT PRIMARY KEY, kind TEXT NOT NULL, scenario_id TEXT NOT NULL REFERENCES scenarios(id),
        scenario_version INTEGER NOT NULL, params JSONB NOT NULL, state TEXT NOT NULL, progress DOUBLE PRECISION NOT NULL,
        result_id TEXT, error TEXT, created_at TIMESTAMPTZ NOT NULL, updated_at TIMESTAMPTZ NOT NULL);
      CREATE INDEX jobs_state ON jobs(state);
      CREATE TABLE track_files (id TEXT PRIMARY KEY, job_id TEXT NOT NULL REFERENCES jobs(id), name TEXT NOT NULL,
        path TEXT NOT NULL, size BIGINT NOT NULL, sha256 TEXT NOT NULL);
      CREATE INDEX track_files_job ON track_files(job_id);
      CREATE TABLE results (id TEXT PRIMARY KEY, kind TEXT NOT NULL, scenario_id TEXT NOT NULL REFERENCES scenarios(id),
        scenario_version INTEGER NOT NULL, job_id TEXT, body TEXT NOT NULL, summary JSONB NOT NULL,
        created_at TIMESTAMPTZ NOT NULL);
      CREATE TABLE result_lines (result_id TEXT NOT NULL REFERENCES results(id), line_id TEXT NOT NULL,
        geom geometry(Geometry, 4326) NOT NULL, PRIMARY KEY (result_id, line_id));
      CREATE INDEX result_lines_geom ON result_lines USING GIST (geom);
      CREATE TABLE tokens (id TEXT PRIMARY KEY, name TEXT NOT NULL, role TEXT NOT NULL, hash TEXT NOT NULL UNIQUE,
        created_at TIMESTAMPTZ NOT NULL, revoked_at TIMESTAMPTZ);
      CREATE TABLE situation_items (scenario_id TEXT NOT NULL REFERENCES scenarios(id), kind TEXT NOT NULL,
        item_id TEXT NOT NULL, body JSON NOT NULL, revision INTEGER NOT NULL, updated_at TIMESTAMPTZ NOT NULL,
        updated_by TEXT NOT NULL, PRIMARY KEY (scenario_id, kind, item_id));
      CREATE TABLE situation_history (scenario_id TEXT NOT NULL, kind TEXT NOT NULL, item_id TEXT NOT NULL,
        revision INTEGER NOT NULL, action TEXT NOT NULL, body JSON, changed_at TIMESTAMPTZ NOT NULL,
        changed_by TEXT NOT NULL, PRIMARY KEY (scenario_id, kind, item_id, revision));
    `,
  },
  {
    // a job's track files come back in the order they were uploaded (SQLite has its rowid for that)
    version: 2,
    sqlite: 'SELECT 1;',
    postgres: 'ALTER TABLE track_files ADD COLUMN seq BIGSERIAL;',
  },
];
