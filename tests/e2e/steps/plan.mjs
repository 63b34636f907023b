// The key-account plan (客户计划): an account manager opens a key account's plan from its
// account page, fills the situation (the approach each choice implies is shown), enters a
// wallet estimate and sees the share of wallet and the relationship stage with its reason,
// sets an objective and two actions (one owned by a colleague, which then shows in the
// colleague's tasks) and saves the review. The director opens 客户计划评审, sees the plan with
// its health and comments on the review, then fills the account's target-value card and sees
// the plan's 守/拓/攻 decided by it.
import { check, until } from '../lib/harness.mjs';
import { signIn, get } from '../lib/session.mjs';

/** Picks the option `code` of the select `test` (Element Plus renders options in a popper). */
async function choose(page, test, option) {
  await page.locator(`[data-test="${test}"]`).click();
  const item = page.locator(`.el-select-dropdown__item[data-test="${option}"]:visible`).first();
  await item.waitFor();
  await item.click();
}

export async function planSteps({ harness, browser, base, password }) {
  let accountId = 0;
  let accountName = '';
  const stamp = String(Date.now()).slice(-5);
  const reviewComment = `本周与客户采购总监会面，确认明年框架协议意向（${stamp}）`;

  await harness.step('an account manager fills a key account plan and saves the review', async () => {
    const { context, page } = await signIn(browser, base, harness, 'am1', password);
    try {
      const keyAccounts = await get(page, '/api/plans');
      check(keyAccounts.items.length > 0, `am1 has no key account: ${JSON.stringify(keyAccounts).slice(0, 300)}`);
      // The demo fills the key accounts' plans: one with room for another objective.
      let chosen = keyAccounts.items[0];
      for (const item of keyAccounts.items) {
        const p = await get(page, `/api/accounts/${item.account_id}/plan`);
        if (p.objectives.length < p.options.max_objectives) {
          chosen = item;
          break;
        }
      }
      accountId = chosen.account_id;
      accountName = chosen.name;

      // From the account's 360° page.
      await page.goto(`/accounts/${accountId}`);
      await page.locator('[data-test="account-plan"]').click();
      await page.waitForURL((url) => url.pathname === `/accounts/${accountId}/plan`);
      await page.locator('[data-test="plan-situation"]').waitFor();

      // The situation: each choice shows the approach it implies.
      await choose(page, 'plan-industry_grade', 'plan-option-key');
      await choose(page, 'plan-value_type', 'plan-option-strategic');
      await choose(page, 'plan-sensitivity', 'plan-option-service');
      const approach = await page.locator('[data-test="plan-approach-value_type"]').innerText();
      check(approach.includes('企业型销售'), `the strategic value type shows the approach: ${approach}`);
      const competitors = await page.locator('[data-test="plan-competitor"]').count();
      await page.locator('[data-test="plan-add-competitor"]').click();
      await page.fill(`input[name="competitor-name-${competitors}"]`, '华东精工设备有限公司');
      await page.fill(`input[name="competitor-position-${competitors}"]`, '现有第二供应商，报价低约8%，服务响应慢');
      await page.fill('textarea[name="customer_goals"]', '三年内产能提升一倍，2027年完成智能化产线改造');
      await page.fill('textarea[name="customer_pressures"]', '原材料价格上涨，下游客户压价，设备停机损失大');
      await page.locator('[data-test="plan-situation-save"]').click();
      await page.locator('.el-message--success').first().waitFor();
      const saved = await get(page, `/api/accounts/${accountId}/plan`);
      check(
        saved.plan.value_type === 'strategic' && saved.plan.industry_grade === 'key' &&
          saved.plan.competitors.some((c) => c.name === '华东精工设备有限公司'),
        `the situation was saved as ${JSON.stringify(saved.plan)}`,
      );
      await harness.screenshot(page, '30a-plan-situation');

      // The wallet estimate: share of wallet, headroom and the stage with its reason.
      const revenueFen = Math.round(Number(saved.wallet.our_revenue) * 100);
      const walletYuan = Math.max(100000, Math.round((revenueFen / 100) * 2.5));
      // For a product line the plan has no estimate of yet, picked by name (else the whole
      // category), so that it adds to the estimates the plan already has.
      const productLines = await get(page, '/api/product_lines?limit=500');
      const taken = new Set(saved.wallet.estimates.map((e) => e.product_line_id));
      const line = productLines.items.find((l) => !taken.has(l.id));
      if (line) await choose(page, 'plan-wallet-line', `plan-wallet-line-${line.id}`);
      await page.fill('input[name="wallet_amount"]', String(walletYuan));
      await page.fill('input[name="wallet_notes"]', '客户年报设备采购预算，经采购部确认');
      await page.locator('[data-test="plan-wallet-add"]').click();
      await page.locator('[data-test="plan-wallet-estimates"]').waitFor();
      if (line) {
        await page.locator('[data-test="plan-wallet-estimates"]').getByText(line.name).first().waitFor();
      }
      // Added to the estimates the plan already has (the demo's, per product line).
      const walletFen = Math.round(Number(saved.wallet.total ?? 0) * 100) + walletYuan * 100;
      const expectedBp = Math.floor((revenueFen * 10000) / walletFen);
      const expectedText = `${Math.floor(expectedBp / 100)}.${String(expectedBp % 100).padStart(2, '0')}%`;
      const shareShown = page.locator('[data-test="plan-share-of-wallet"]');
      await until(
        async () => (await shareShown.innerText()) === expectedText,
        `the share of wallet does not show ${expectedText}`,
      );
      const stageReason = await page.locator('[data-test="plan-stage-reason"]').innerText();
      check(stageReason.includes('钱包份额'), `the stage says why: ${stageReason}`);
      const withWallet = await get(page, `/api/accounts/${accountId}/plan`);
      check(withWallet.stage.computed !== null, `no stage computed with a wallet: ${JSON.stringify(withWallet.stage)}`);
      const entered = withWallet.wallet.estimates.find((e) => e.amount === `${walletYuan}.00` && e.notes.startsWith('客户年报'));
      check(
        entered && entered.product_line_id === (line ? line.id : null),
        `the estimate is not for the product line chosen (${line ? line.name : 'whole category'}): ${JSON.stringify(entered)}`,
      );
      await harness.screenshot(page, '30b-plan-wallet-stage');

      // An objective: without a target it is refused under the target field.
      await page.locator('[data-test="plan-objective-new"]').click();
      const objectiveDialog = page.locator('[data-test="plan-objective-dialog"]');
      await objectiveDialog.locator('input[name="objective_title"]').fill('钱包份额提升至45%');
      await objectiveDialog.locator('input[name="objective_baseline"]').fill(String(Math.floor(expectedBp / 100)));
      harness.expectHttp(400, `/api/accounts/${accountId}/plan/objectives`);
      await objectiveDialog.locator('[data-test="plan-objective-save"]').click();
      const targetError = objectiveDialog.locator('.el-form-item__error');
      await targetError.first().waitFor();
      check((await targetError.first().innerText()).includes('请填写目标值'), 'the missing target is not named');
      await objectiveDialog.locator('input[name="objective_target"]').fill('45');
      await objectiveDialog.locator('[data-test="plan-objective-save"]').click();
      await objectiveDialog.waitFor({ state: 'hidden' });
      await page.locator('[data-test="plan-objective-status"]').first().waitFor();

      // Two actions: one am1's, one the director's.
      const me = await get(page, '/api/me');
      const users = await get(page, '/api/users?limit=500');
      const director = users.items.find((u) => u.login === 'director');
      const actions = [
        { title: `安排技术交流会，介绍智能产线方案（${stamp}）`, owner: 'am1' },
        { title: `高层拜访：与客户总经理会谈框架协议（${stamp}）`, owner: 'director' },
      ];
      for (const a of actions) {
        await page.locator('[data-test="plan-action-new"]').click();
        const dialog = page.locator('[data-test="plan-action-dialog"]');
        await dialog.locator('input[name="action_title"]').fill(a.title);
        await choose(page, 'plan-action-owner-select', `plan-owner-${a.owner}`);
        await dialog.locator('[data-test="plan-action-save"]').click();
        await dialog.waitFor({ state: 'hidden' });
      }
      const actionList = page.locator('[data-test="plan-action-list"]');
      await actionList.getByText(actions[1].title).waitFor();
      const tasks = await get(page, `/api/tasks?where=account_id=${accountId}&limit=500`);
      const mine = tasks.items.find((t) => t.title === actions[0].title);
      const theirs = tasks.items.find((t) => t.title === actions[1].title);
      check(mine && mine.owner_id === me.id && mine.objective_id, `am1's action: ${JSON.stringify(mine)}`);
      check(theirs && theirs.owner_id === director.id && theirs.objective_id, `the director's action: ${JSON.stringify(theirs)}`);
      await harness.screenshot(page, '30c-plan-objectives-actions');

      // The review.
      await page.locator('[data-test="plan-review-open"]').click();
      const reviewDialog = page.locator('[data-test="plan-review-dialog"]');
      await reviewDialog.locator('textarea[name="review_comment"]').fill(reviewComment);
      await reviewDialog.locator('[data-test="plan-review-save"]').click();
      await reviewDialog.waitFor({ state: 'hidden' });
      await page.locator('[data-test="plan-review-item"]').first().waitFor();
      const reviews = await get(page, `/api/accounts/${accountId}/plan/reviews`);
      check(reviews.items[0].comment === reviewComment, `the review was saved as ${JSON.stringify(reviews.items[0])}`);
      check(reviews.items[0].health.objectives >= 1 && reviews.items[0].health.actions >= 2, 'the review health misses the objective or the actions');
      await page.waitForTimeout(300);
      await harness.screenshot(page, '30d-plan-review-saved');
    } finally {
      await context.close();
    }
  });

  await harness.step('the director sees the plan in the plan reviews with its health and comments', async () => {
    const { context, page } = await signIn(browser, base, harness, 'director', password);
    try {
      // The action the account manager gave the director is in the director's tasks.
      const me = await get(page, '/api/me');
      const tasks = await get(page, `/api/tasks?where=owner_id=${me.id}&limit=500`);
      check(tasks.items.some((t) => t.account_id === accountId && t.objective_id), 'the action is not in the director\'s tasks');

      await page.locator('.el-menu-item', { hasText: '客户计划评审' }).click();
      await page.waitForURL((url) => url.pathname === '/plans');
      const row = page.locator('[data-test="plans-table"] tr', { has: page.locator('[data-test="plans-account"]', { hasText: accountName }) });
      await row.first().waitFor();
      const text = await row.first().innerText();
      check(text.includes('目标按计划') && text.includes('逾期行动'), `the row shows no health: ${text}`);
      check(text.includes(reviewComment), `the row shows no review comment: ${text}`);
      await row.first().locator('[data-test="plans-comment-open"]').click();
      const dialog = page.locator('[data-test="plans-comment-dialog"]');
      await dialog.locator('textarea[name="comment_body"]').fill('联合团队名单请本周五前报我；框架协议条款先与法务确认。');
      await dialog.locator('[data-test="plans-comment-save"]').click();
      const comment = row.first().locator('[data-test="plans-comment"]', { hasText: '联合团队名单' });
      await comment.waitFor();
      // The comment is signed with the director's name, as the user list shows it, not the login.
      check(
        (await comment.innerText()).startsWith(me.display_name),
        `the comment reads "${await comment.innerText()}", not signed ${me.display_name}`,
      );
      await page.waitForTimeout(300);
      await harness.screenshot(page, '30e-plan-reviews-director');
    } finally {
      await context.close();
    }
  });

  await harness.step('the director fills the target-value card and the plan stance follows it', async () => {
    const { context, page } = await signIn(browser, base, harness, 'director', password);
    try {
      const before = await get(page, `/api/accounts/${accountId}/plan`);
      check(before.stance.basis === 'wallet' && before.stance.target_value === null, `the stance had a card before one was filled: ${JSON.stringify(before.stance)}`);
      // 目标客户价值: explicit 29.75, implicit 17.50 of 35 (exactly half), social 16.25 = 63.50, B.
      const inputs = {
        category_spend: '1500000',
        growth_room: '4',
        product_recognition: '4',
        inter_company_relationship: '3',
        relationship_closeness: '3',
        it_capability: '3',
        strategic_positioning: '3',
        reputation: '5',
        individual_influence: '3',
        publicity_value: '2',
      };
      const statuses = await page.evaluate(
        async ([id, entries]) => {
          const me = await (await fetch('/api/me')).json();
          const out = [];
          for (const [indicator, value] of entries) {
            const res = await fetch(`/api/accounts/${id}/inputs`, {
              method: 'POST',
              headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrf_token },
              body: JSON.stringify({ indicator, value, card: 'target_value' }),
            });
            out.push(res.status);
          }
          return out;
        },
        [accountId, Object.entries(inputs)],
      );
      check(statuses.every((s) => s === 201), `the card's inputs were answered ${statuses}`);

      await page.goto(`/accounts/${accountId}/plan`);
      const basis = page.locator('[data-test="plan-stance-basis"]');
      await basis.waitFor();
      check((await basis.innerText()).includes('依据：目标客户价值卡'), `the stance names no card: ${await basis.innerText()}`);
      const card = await page.locator('[data-test="plan-stance-card"]').innerText();
      check(card === '目标客户价值 63.50 分（B）', `the card shows ${card}`);
      const reason = await page.locator('[data-test="plan-stance-reason"]').innerText();
      check(reason.startsWith('目标客户价值 63.50 分') && reason.includes('我方客户'), `the stance reason: ${reason}`);
      const after = await get(page, `/api/accounts/${accountId}/plan`);
      // Our customer with the relationship at half its points: expand by the growth room, or
      // defend when an open churn alert or churn risk says so; the reason names which.
      check(
        after.stance.basis === 'target_value' &&
          (after.stance.computed === 'expand'
            ? after.stance.reason_zh.includes('业务发展空间 11.25/15 分 达到')
            : after.stance.computed === 'defend' && after.stance.reason_zh.includes('有流失信号')),
        `the card's stance: ${JSON.stringify(after.stance)}`,
      );
      await page.locator('[data-test="plan-stance"]').scrollIntoViewIfNeeded();
      await page.waitForTimeout(300);
      await harness.screenshot(page, '30f-plan-stance-from-card');
    } finally {
      await context.close();
    }
  });
}
