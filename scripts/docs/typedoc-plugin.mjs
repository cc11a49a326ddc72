// @ts-check
/**
 * TypeDoc's `notDocumented` check also asks for a comment on every member of an anonymous type: each
 * variant of a union such as `LoginEvent`, each key of an inferred constant, and the hundreds of members
 * of the XState types behind `createLoginMachine`. Those are documented where they are named (the union,
 * the constant, the machine), so this plugin lists them in `intentionallyNotDocumented` for the check
 * to skip. Everything with a name of its own (functions, variables, classes, interfaces and their
 * members, type aliases) still needs a comment. The filter follows TypeDoc's own walk, so a name listed
 * here that the check would not have reported makes TypeDoc warn about an unused entry.
 */
import { Converter, ReflectionKind } from 'typedoc';

const signatureKinds =
  ReflectionKind.CallSignature | ReflectionKind.GetSignature | ReflectionKind.SetSignature;

/** @param {import('typedoc').Reflection} reflection @param {ReflectionKind} kind */
function hasAncestor(reflection, kind) {
  for (let parent = reflection.parent; parent; parent = parent.parent) {
    if (parent.kindOf(kind)) return true;
  }
  return false;
}

/** @param {import('typedoc').Application} app */
export function load(app) {
  app.converter.on(Converter.EVENT_RESOLVE_END, (context) => {
    const { project } = context;
    const options = context.converter.application.options;
    const exempt = new Set(options.getValue('intentionallyNotDocumented'));
    const kinds = ReflectionKind.Property | ReflectionKind.Variable | signatureKinds;
    for (const reflection of project.getReflectionsByKind(kinds)) {
      if (!hasAncestor(reflection, ReflectionKind.TypeLiteral)) continue;
      if (hasAncestor(reflection, ReflectionKind.Parameter)) continue;
      // A function type's signature is checked through the property or alias that holds it.
      if (reflection.kindOf(signatureKinds) && reflection.parent?.kindOf(ReflectionKind.TypeLiteral))
        continue;
      const documented =
        reflection.hasComment() || (reflection.kindOf(signatureKinds) && reflection.parent?.hasComment());
      if (documented) continue;
      if (project.getSymbolIdFromReflection(reflection)?.packageName !== project.packageName) continue;
      exempt.add(reflection.getFriendlyFullName());
    }
    options.setValue('intentionallyNotDocumented', [...exempt]);
  });
}
