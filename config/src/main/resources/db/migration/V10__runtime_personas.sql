-- Personas a scope's admins made at run time (/persona create). Portable SQL for H2 and PostgreSQL.
-- system_prompt is bounded by parley.runtime-personas.max-prompt-chars, at most 8000.
CREATE TABLE scope_persona (
    platform       VARCHAR(16)   NOT NULL,
    scope_id       VARCHAR(64)   NOT NULL,
    name           VARCHAR(32)   NOT NULL,
    system_prompt  VARCHAR(8000) NOT NULL,
    max_new_tokens INTEGER       NOT NULL,
    temperature    REAL          NOT NULL,
    seed           BIGINT        NOT NULL,
    PRIMARY KEY (platform, scope_id, name)
);

-- A persona's LoRA adapter scales; adapters it does not name keep the scale they were loaded with.
CREATE TABLE scope_persona_adapter (
    platform VARCHAR(16)  NOT NULL,
    scope_id VARCHAR(64)  NOT NULL,
    persona  VARCHAR(32)  NOT NULL,
    adapter  VARCHAR(255) NOT NULL,
    scale    REAL         NOT NULL,
    PRIMARY KEY (platform, scope_id, persona, adapter),
    FOREIGN KEY (platform, scope_id, persona) REFERENCES scope_persona (platform, scope_id, name) ON DELETE CASCADE
);
