// Payloads shaped like the ones Claude Code sends command hooks on stdin.
export const base = {
  session_id: '9f1c2e4a-5b6d-4e8f-a0b1-c2d3e4f5a6b7',
  transcript_path: '/home/u/.claude/projects/-home-u-app/9f1c2e4a-5b6d-4e8f-a0b1-c2d3e4f5a6b7.jsonl',
  cwd: '/home/u/app',
  permission_mode: 'default',
  tool_use_id: 'toolu_01ABCDEF',
};
export const payloads = {
  mcpSuccess: {
    ...base,
    hook_event_name: 'PostToolUse',
    tool_name: 'mcp__github__create_issue',
    tool_input: { owner: 'acme', repo: 'app', title: 'Flaky test' },
    tool_response: [{ type: 'text', text: '{"number": 42, "url": "https://github.com/acme/app/issues/42"}' }],
  },
  mcpIsError: {
    ...base,
    hook_event_name: 'PostToolUse',
    tool_name: 'mcp__github__create_issue',
    tool_input: { owner: 'acme', repo: 'app', title: 'x' },
    tool_response: { is_error: true, content: [{ type: 'text', text: 'Bad credentials' }] },
  },
  mcpErrorField: {
    ...base,
    hook_event_name: 'PostToolUse',
    tool_name: 'mcp__filesystem__read_file',
    tool_input: { path: '/nope' },
    tool_response: { error: 'ENOENT: no such file or directory' },
  },
  nonMcp: {
    ...base,
    hook_event_name: 'PostToolUse',
    tool_name: 'Write',
    tool_input: { file_path: '/home/u/app/a.txt', content: 'hi' },
    tool_response: { filePath: '/home/u/app/a.txt', success: true },
  },
  preMcp: {
    ...base,
    hook_event_name: 'PreToolUse',
    tool_name: 'mcp__github__create_issue',
    tool_input: { owner: 'acme', repo: 'app', title: 'x' },
  },
};
