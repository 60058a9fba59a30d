// typedoc plugin: names each module after its package (`@urlpool/core`, not `core/src`) and uses
// the package.json description as the module's summary when index.ts has no module comment, so
// a new package needs nothing but an entry in typedoc.json's glob.
import { readFileSync } from 'node:fs';
import { Comment, Converter, ReflectionKind } from 'typedoc';

/** @param {import('typedoc').Application} app */
export function load(app) {
  app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context) => {
    for (const module of context.project.getChildrenByKind(ReflectionKind.Module)) {
      const dir = /^([\w-]+)\/src$/.exec(module.name)?.[1];
      if (dir === undefined) continue;
      const pkg = JSON.parse(readFileSync(`packages/${dir}/package.json`, 'utf8'));
      module.name = pkg.name;
      if (module.comment === undefined && typeof pkg.description === 'string')
        module.comment = new Comment([{ kind: 'text', text: pkg.description }]);
    }
  });
}
