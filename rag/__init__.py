"""PolicyQA: cited, cross-lingual answers over the IISE No.8 AI-policy report and its primary sources."""

from rag.offline import set_offline_env

# Every entry point imports this package first: nothing may reach for the network after this line.
set_offline_env()
