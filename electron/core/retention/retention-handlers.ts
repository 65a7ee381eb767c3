import { appendAudit } from '../audit/audit-log';
import { LocketError } from '../errors';
import { handlerGroup } from '../handlers';
import type { ServiceContext } from '../service-context';
import { all, one, run } from '../db/sqlite';
import { classChanges, classCoverage } from './class-coverage';
import { previewRetentionChange } from './preview-retention-change';
import { listClasses, requireClass, saveClass } from './retention-classes';

export function retentionHandlers(ctx: ServiceContext) {
  return handlerGroup('retention', {
    async 'retention.listClasses'() {
      return listClasses(ctx.requireSession().catalog);
    },
    async 'retention.previewChange'({ change }) {
      return previewRetentionChange(ctx.requireSession(), change, Date.now());
    },
    async 'retention.coverage'() {
      return classCoverage(ctx.requireSession(), Date.now());
    },
    async 'retention.classChanges'() {
      return classChanges(ctx.requireSession());
    },
    async 'retention.saveClass'(input) {
      const session = ctx.requireSession();
      return session.write(async (w) => {
        const saved = saveClass(w.catalog, input);
        await appendAudit(w, 'class-saved', {
          classId: saved.id,
          name: saved.name,
          keepAmount: saved.keepAmount,
          keepUnit: saved.keepUnit,
        });
        return saved;
      });
    },
    async 'retention.setDefaultClass'({ classId }) {
      const session = ctx.requireSession();
      return session.write(async (w) => {
        requireClass(w.catalog, classId);
        w.setSetting('defaultRetentionClassId', classId);
        await appendAudit(w, 'class-assigned', { target: 'vault-default', classId });
        return listClasses(w.catalog);
      });
    },
    async 'retention.assign'({ classId, target }) {
      const session = ctx.requireSession();
      return session.write(async (w) => {
        if (classId !== null) requireClass(w.catalog, classId);
        let assigned = 0;
        let targetDetail: string;
        if (target && 'conversationId' in target) {
          run(w.catalog, 'UPDATE conversations SET retention_class_id = ? WHERE id = ?', [
            classId,
            target.conversationId,
          ]);
          assigned = w.catalog.getRowsModified();
          targetDetail = `conversation:${target.conversationId}`;
        } else if (target && 'contact' in target) {
          if (!one(w.catalog, 'SELECT 1 FROM contacts WHERE username = ?', [target.contact]))
            run(w.catalog, 'INSERT INTO contacts (username) VALUES (?)', [target.contact]);
          run(w.catalog, 'UPDATE contacts SET retention_class_id = ? WHERE username = ?', [classId, target.contact]);
          assigned = w.catalog.getRowsModified();
          targetDetail = `contact:${target.contact}`;
        } else if (
          target &&
          'messageIds' in target &&
          Array.isArray(target.messageIds) &&
          target.messageIds.every(Number.isInteger)
        ) {
          const wanted = new Set(target.messageIds);
          for (const entry of session.listShards()) {
            const db = await session.shard(entry);
            const here = target.messageIds.filter((id) => wanted.has(id));
            const present = all<{ id: number }>(
              db,
              `SELECT id FROM messages WHERE id IN (${here.map(() => '?').join(',') || 'NULL'})`,
              here,
            ).map((r) => r.id);
            if (!present.length) continue;
            const shard = await w.shardAt(entry.startTime);
            shard.run(`UPDATE messages SET retention_class_id = ? WHERE id IN (${present.map(() => '?').join(',')})`, [
              classId,
              ...present,
            ]);
            assigned += shard.getRowsModified();
            // Changed shards stay in memory until written: past the cache budget, the oldest are written now.
            await w.relieveMemory();
          }
          targetDetail = `messages:${target.messageIds.length}`;
        } else {
          throw new LocketError('invalid-argument', 'Assign a class to a conversation, a contact or messages.');
        }
        if (assigned === 0) throw new LocketError('invalid-argument', 'Nothing matched what was chosen.');
        await appendAudit(w, 'class-assigned', { target: targetDetail, classId, assigned });
        return { assigned };
      });
    },
  });
}
