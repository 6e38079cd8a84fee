// The two ways the project's scripts read their command line: `--name value` / `--name=value`,
// and bare `--flag`.
const argv = process.argv.slice(2);

/** The value of `--name value` or `--name=value`, or undefined. */
export function option(name) {
  const index = argv.indexOf(name);
  if (index >= 0) return argv[index + 1];
  return argv.find((arg) => arg.startsWith(`${name}=`))?.slice(name.length + 1);
}

/** Whether `--name` was given. */
export function flag(name) {
  return argv.includes(name);
}
