/**
 * One path for configuration: package.json declares `secretome.*`, the server pulls it per document with
 * workspace/configuration, and this file turns the loose JSON into the typed Config the core takes.
 * To add a setting: declare it in package.json, add it to Config and defaultConfig (core/config.ts), read it here.
 */
import { citationSensitivities, resolveConfig, type CitationSensitivity, type Config, type DeepPartial, type RuleConfig, type RuleSeverity } from './core/config';
import type { ManuscriptLanguage } from './core/manuscript/types';

/** The `secretome` section as the client sends it; anything may be missing or of the wrong type. */
export function configFromSettings(section: unknown): Config {
  if (!section || typeof section !== 'object') return resolveConfig();
  const raw = section as Record<string, unknown>;
  const completion = asObject(raw.completion);
  const hover = asObject(raw.hover);
  const lint = asObject(raw.lint);
  const partial: DeepPartial<Config> = {
    completion: {
      citations: asBoolean(completion.citations),
      terms: asBoolean(completion.terms),
      maxItems: asPositiveInteger(completion.maxItems),
    },
    hover: { enabled: asBoolean(hover.enabled) },
    lint: {
      enabled: asBoolean(lint.enabled),
      languages: asStringArray(lint.languages)?.filter(isManuscriptLanguage),
      rules: ruleSettingsFrom(asObject(lint.rules), asObject(lint.severity)),
      maxDiagnostics: asPositiveInteger(lint.maxDiagnostics),
      citationNeeded: { sensitivity: asSensitivity(asObject(lint.citationNeeded).sensitivity) },
    },
    bibliographies: asStringArray(raw.bibliographies),
    manuscript: typeof raw.manuscript === 'string' ? raw.manuscript : undefined,
    citationStyle: asNonEmptyString(raw.citationStyle),
  };
  return resolveConfig(dropUndefined(partial));
}

/**
 * Per-rule settings from both forms: `secretome.lint.severity.<code>` ("default", "off" or a severity; one dropdown
 * per rule in the Settings UI) over the older `secretome.lint.rules` object ({ enabled, severity } per code), which
 * still applies where the dropdown says "default".
 */
function ruleSettingsFrom(objectForm: Record<string, unknown>, severities: Record<string, unknown>): Record<string, Partial<RuleConfig>> {
  const rules: Record<string, Partial<RuleConfig>> = {};
  for (const [code, value] of Object.entries(objectForm)) rules[code] = { ...asObject(value) } as Partial<RuleConfig>;
  for (const [code, value] of Object.entries(severities)) {
    if (value === 'off') rules[code] = { ...rules[code], enabled: false };
    else if (typeof value === 'string' && isSeverity(value)) rules[code] = { ...rules[code], enabled: true, severity: value };
  }
  return rules;
}

function isSeverity(value: string): value is RuleSeverity {
  return value === 'error' || value === 'warning' || value === 'information' || value === 'hint';
}

function asSensitivity(value: unknown): CitationSensitivity | undefined {
  return citationSensitivities.find((sensitivity) => sensitivity === value);
}

function asObject(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function asBoolean(value: unknown): boolean | undefined {
  return typeof value === 'boolean' ? value : undefined;
}

function asPositiveInteger(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined;
}

function isManuscriptLanguage(value: string): value is ManuscriptLanguage {
  return value === 'markdown' || value === 'latex' || value === 'plaintext';
}

function asNonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function asStringArray(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every((item) => typeof item === 'string') ? value : undefined;
}

/** Removes undefined leaves so that the spread in resolveConfig keeps the defaults for them. */
function dropUndefined<T>(value: T): T {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  const result: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(value as Record<string, unknown>)) {
    if (entry !== undefined) result[key] = dropUndefined(entry);
  }
  return result as T;
}
