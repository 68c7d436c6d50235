// .env.example: every server setting, commented out at its default, with its description as a comment, so
// copying the file changes nothing until a line is uncommented.
import type { SettingReference } from "./describe-settings.js";

const header = `# Bookable: every setting the server reads, commented out at its default.
# Generated from apps/server/src/config.ts by \`pnpm docs:config\`; the reference is docs/configuration.md.
# Bookable reads only the environment, not this file: copy it to .env, uncomment what you change, and load it
# with \`node --env-file=.env\`, \`docker run --env-file .env\`, or \`set -a; . ./.env; set +a\` in a shell.
`;

const lineWidth = 110;

/** Markdown to comment text: links become "text (docs/target)", code marks stay (they read well as is). */
function plainText(markdown: string): string {
  return markdown.replace(/\[([^\]]+)\]\(([^)]+)\)/g, (_link, text: string, target: string) =>
    /^[a-z]+:/.test(target) ? `${text} (${target})` : `${text} (docs/${target})`,
  );
}

function commentLines(text: string): string[] {
  const lines: string[] = [];
  let line = "#";
  for (const word of text.split(/\s+/).filter((item) => item.length > 0)) {
    if (line.length + 1 + word.length > lineWidth && line !== "#") {
      lines.push(line);
      line = "#";
    }
    line += ` ${word}`;
  }
  if (line !== "#") lines.push(line);
  return lines;
}

/**
 * The commented assignment: at the default, or empty where empty means unset. Otherwise a placeholder, since
 * an uncommented empty number would read as 0 (ADMISSION_MAX_IN_FLIGHT=0 turns admission control off).
 */
function assignment(setting: SettingReference): string {
  const { literalDefault } = setting;
  if (literalDefault !== undefined)
    return `# ${setting.name}=${/\s/.test(literalDefault) ? `"${literalDefault}"` : literalDefault}`;
  if (setting.emptyMeansUnset) return `# ${setting.name}=`;
  return `# ${setting.name}=<${[setting.type, setting.allowed].filter(Boolean).join(" ")}>`;
}

function facts(setting: SettingReference): string {
  const allowed = setting.allowed ? ` (${setting.allowed})` : "";
  return `${setting.type}${allowed}; default: ${setting.defaultValue}.`;
}

export function renderEnvExample(settings: SettingReference[]): string {
  const entries = settings.map((setting) =>
    [...commentLines(plainText(`${setting.name}: ${setting.description} [${facts(setting)}]`)), assignment(setting)].join("\n"),
  );
  return `${header}\n${entries.join("\n\n")}\n`;
}
