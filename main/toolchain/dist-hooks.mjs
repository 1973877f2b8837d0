// electron-builder hooks named in electron-builder.yml.

/**
 * Tells electron-builder that node_modules are taken care of here: the staged app (out/app/)
 * bundles its packages and carries the one file it reads from node_modules itself, so nothing is
 * installed, rebuilt or collected from the project's node_modules (which would add every
 * production dependency and its dependencies: natural's database clients, word-net data, ...).
 */
export function beforeBuild() {
  return false;
}
