#!/usr/bin/env bash
# labc in CI: on a pull request, check the configuration, save a plan against the state
# repository, and post it (Markdown) as one pull-request comment, updated on every push; on
# merge, apply exactly that saved plan. Called by labc.yml; runs anywhere with bash and labc.
#
#   labc-ci.sh plan LAB      labc check, labc plan -out, the comment text   -> $LABC_CI_OUT/
#   labc-ci.sh comment       post or update the comment (gh, GH_TOKEN, PR_NUMBER, GITHUB_REPOSITORY)
#   labc-ci.sh apply         labc apply $LABC_CI_OUT/labc.plan (refused by labc if state or inputs moved)
#
# Environment: LABC (the labc command, default labc), LABC_CI_OUT (default labc-ci), LABC_SSH_FLAGS
# (labc's SSH options, e.g. "--known-hosts ci/known_hosts -i ~/.ssh/labc"; words split on spaces),
# LABC_STATE_REPO / LABC_STATE_BRANCH (the state repository, read by labc itself),
# LABC_CI_FULL_PLAN (where readers find the whole plan when the comment is cut).
set -euo pipefail

labc=${LABC:-labc}
out=${LABC_CI_OUT:-labc-ci}
read -r -a ssh_flags <<< "${LABC_SSH_FLAGS:-}"

case "${1:-}" in
  plan)
    lab=${2:?usage: labc-ci.sh plan LAB}
    mkdir -p "$out"
    "$labc" check "$lab"
    # The saved plan is what apply runs on merge; the comment is rendered from it, not planned twice.
    "$labc" plan "${ssh_flags[@]}" -out "$out/labc.plan" "$lab" > "$out/plan.txt"
    "$labc" show --format markdown \
      --full-plan-at "${LABC_CI_FULL_PLAN:-the \`labc-plan\` artifact of this workflow run (\`labc show labc.plan\`)}" \
      "$out/labc.plan" > "$out/comment.md"
    ;;
  comment)
    : "${PR_NUMBER:?}" "${GITHUB_REPOSITORY:?}"
    body="$out/comment.md"
    # The comment starts with "### labc plan: `LAB`": that line finds the comment to update, so
    # one comment per .lab file is edited in place instead of one more per push.
    first=$(head -n 1 "$body")
    id=$(gh api --paginate "repos/$GITHUB_REPOSITORY/issues/$PR_NUMBER/comments" \
           --jq ".[] | select(.body | startswith($(jq -Rn --arg s "$first" '$s'))) | .id" | head -n 1)
    if [ -n "$id" ]; then
      gh api --method PATCH "repos/$GITHUB_REPOSITORY/issues/comments/$id" -F "body=@$body" > /dev/null
      echo "updated comment $id"
    else
      gh api --method POST "repos/$GITHUB_REPOSITORY/issues/$PR_NUMBER/comments" -F "body=@$body" > /dev/null
      echo "posted a comment on #$PR_NUMBER"
    fi
    ;;
  apply)
    "$labc" apply "${ssh_flags[@]}" "$out/labc.plan"
    ;;
  *)
    echo "usage: labc-ci.sh plan LAB | comment | apply" >&2
    exit 2
    ;;
esac
